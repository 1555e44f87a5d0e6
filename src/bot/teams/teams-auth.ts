import type { MountContext } from '../../ports/platform-adapter.js';
import type { TeamsAuth } from './activity-gate.js';

/** How each way of authenticating is named in the start-up log. */
export const AUTH_LABEL: Record<TeamsAuth, string> = {
  jwt: 'JWT (clientId set)',
  local: 'off (local mode, loopback only)',
  off: 'off (PILOT_TEAMS_AUTH=off, loopback only)',
};

/** How the endpoint authenticates, or null (with a log line saying why) when Teams is not served. */
export function teamsAuth({ settings, localMode, logger }: MountContext): TeamsAuth | null {
  if (settings.teams.clientId) return 'jwt';
  const setUp = 'set clientId (with clientSecret and tenantId) from the bot’s Entra app registration to run in Teams';
  if (settings.production) {
    logger.warn(`Teams is off: ${setUp}.`);
    return null;
  }
  if (settings.teams.authOff) {
    logger.warn(
      'PILOT_TEAMS_AUTH=off: the Teams endpoint accepts unsigned requests and trusts the ids in them. For testing only; it answers only to this machine.',
    );
    return localMode ? 'local' : 'off';
  }
  if (localMode) return 'local';
  logger.info(`Teams is off: ${setUp} (or PILOT_TEAMS_AUTH=off to test without sign-in).`);
  return null;
}
