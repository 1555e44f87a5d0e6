import { mountSlack } from '../bot/slack/mount-slack.js';
import { mountTeams } from '../bot/teams/mount-teams.js';
import type { MountAdapter } from '../ports/platform-adapter.js';

/** The chat platforms the bot can run on; each mounts itself when its settings are present. */
export const ADAPTERS: MountAdapter[] = [mountSlack, mountTeams];
