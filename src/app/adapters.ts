import { teamsAuth } from '../bot/teams/teams-auth.js';
import type { MountAdapter } from '../ports/platform-adapter.js';

/**
 * Slack, when its settings are present. Bolt is imported only then: a Teams-only deployment does not
 * carry Slack's SDK in memory (about 30 MB), and the other way round for Teams (below).
 */
const mountSlackWhenSet: MountAdapter = async (context) => {
  if (!context.settings.slack) return null;
  const { mountSlack } = await import('../bot/slack/mount-slack.js');
  return mountSlack(context);
};

/** Teams, when its settings (or local mode) call for it; the Agents SDK is imported only then. */
const mountTeamsWhenSet: MountAdapter = async (context) => {
  const auth = teamsAuth(context);
  if (!auth) return null;
  const { mountTeamsWith } = await import('../bot/teams/mount-teams.js');
  return mountTeamsWith(context, auth);
};

/** The chat platforms the bot can run on; each mounts itself when its settings are present. */
export const ADAPTERS: MountAdapter[] = [mountSlackWhenSet, mountTeamsWhenSet];
