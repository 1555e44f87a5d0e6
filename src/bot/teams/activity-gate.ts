/**
 * How the Teams endpoint knows who is calling: `jwt` (the Agents SDK checks every request's token),
 * `local` (local mode: no chat credentials, loopback only) or `off` (PILOT_TEAMS_AUTH=off, testing only).
 */
export type TeamsAuth = 'jwt' | 'local' | 'off';

/** Why an activity is not served: the HTTP status, a message for the caller and a reason for the log. */
export interface Refusal {
  status: 400 | 403;
  message: string;
  reason: string;
}

/** Only Teams (and the Agents Playground, which also says `msteams`) reaches the bot's people. */
const TEAMS_CHANNEL = 'msteams';

/** Hosts an unauthenticated endpoint may answer to: nothing leaves the machine without a checked token. */
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Activities that act for a person; outside local mode they must name that person's AAD object id. */
const ACTING = new Set(['message', 'invoke']);

/**
 * Checks an incoming body before the SDK sees it (after the token check, when there is one): a
 * malformed body is a 400 that says what is wrong; anything not from Teams, from another tenant, or
 * (without authentication) asking for replies somewhere other than this machine is a 403.
 */
export function checkActivity(body: unknown, auth: TeamsAuth, tenantId?: string): Refusal | null {
  const bad = (message: string): Refusal => ({ status: 400, message, reason: 'malformed activity' });
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return bad('The request body must be a Bot Framework activity in JSON.');
  const activity = body as {
    type?: unknown;
    channelId?: unknown;
    conversation?: { id?: unknown; tenantId?: unknown };
    serviceUrl?: unknown;
    from?: { aadObjectId?: unknown };
    channelData?: unknown;
  };
  if (typeof activity.type !== 'string' || !activity.type) return bad('The activity has no type.');
  if (!activity.conversation || typeof activity.conversation !== 'object')
    return bad('The activity has no conversation id.');
  if (typeof activity.conversation.id !== 'string' || !activity.conversation.id)
    return bad('The activity has no conversation id.');
  if (typeof activity.serviceUrl !== 'string' || !/^https?:\/\//.test(activity.serviceUrl))
    return bad('The activity has no serviceUrl to answer to.');
  if (activity.channelId !== TEAMS_CHANNEL)
    return refuse(
      `Only Microsoft Teams activities (channelId "${TEAMS_CHANNEL}") are accepted.`,
      'not a Teams channel',
    );
  if (tenantId && !sameTenant(activity, tenantId))
    return refuse('This bot only serves its own Microsoft 365 tenant.', 'another tenant');
  if (auth !== 'jwt' && !isLoopback(activity.serviceUrl))
    return refuse(
      'Without Teams authentication, replies only go to this machine (127.0.0.1, ::1 or localhost).',
      'serviceUrl not on the loopback address',
    );
  const aad = activity.from && typeof activity.from === 'object' ? activity.from.aadObjectId : undefined;
  if (auth !== 'local' && ACTING.has(activity.type) && (typeof aad !== 'string' || !aad.trim()))
    return refuse('The activity does not say who sent it (from.aadObjectId).', 'no AAD object id');
  return null;
}

/** True when a serviceUrl names this machine. */
export function isLoopback(serviceUrl: string): boolean {
  try {
    return LOOPBACK.has(new URL(serviceUrl).hostname);
  } catch {
    return false;
  }
}

function sameTenant(activity: object, tenantId: string): boolean {
  const data = activity as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } };
  const named = [data.conversation?.tenantId, data.channelData?.tenant?.id].filter((t) => t !== undefined);
  const wanted = tenantId.trim().toLowerCase();
  // Teams names the tenant on the conversation and in channelData; every place it is named must agree.
  return named.length > 0 && named.every((t) => typeof t === 'string' && t.trim().toLowerCase() === wanted);
}

function refuse(message: string, reason: string): Refusal {
  return { status: 403, message, reason };
}
