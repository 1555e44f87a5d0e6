import { createHash, randomUUID } from 'node:crypto';
import type { Caller } from '../../views/reply.js';
import type { Logger } from '../../workflows/deps.js';

/** The platform-qualified person id of a Slack user. */
export function slackPerson(userId: string): string {
  return `slack:${userId}`;
}

/** The platform-qualified channel id; direct-message channels (`D…`) are marked `:dm`. */
export function slackChannel(channelId: string | undefined): string | undefined {
  if (!channelId) return undefined;
  return isDirectChannel(channelId) ? `slack:${channelId}:dm` : `slack:${channelId}`;
}

/** True for a direct-message channel id. */
export function isDirectChannel(channelId: string): boolean {
  return channelId.startsWith('D');
}

/** Who is acting, taken only from the verified payload. */
export function slackCaller(userId: string, displayName: string | undefined, channelId: string | undefined): Caller {
  return {
    personId: slackPerson(userId),
    displayName: displayName || undefined,
    platform: 'slack',
    channelId: slackChannel(channelId),
  };
}

/** A delivery key for the core: the same Slack delivery (a retry) always gives the same key. */
export function deliveryKey(
  kind: 'command' | 'action' | 'view' | 'event',
  ...parts: (string | undefined)[]
): string | undefined {
  if (parts.some((p) => !p)) return undefined;
  return `slack:${kind}:${digestOf(parts.join('\u0000'))}`;
}

/** A short, stable digest of a string or of JSON data (the same parsed body always gives the same digest). */
export function digestOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

/** The workspace (team) id a payload comes from, wherever that kind of payload keeps it. */
export function teamOf(body: Record<string, unknown>): string | undefined {
  const team = body.team as { id?: unknown } | null | undefined;
  const user = body.user as { team_id?: unknown } | undefined;
  const value = body.team_id ?? team?.id ?? user?.team_id;
  return typeof value === 'string' ? value : undefined;
}

/** The id a Slack delivery is logged under: Slack's event or trigger id when it has one (a retry keeps it), else a new one. */
export function slackRequestId(body: Record<string, unknown>): string {
  const id = body.event_id ?? body.trigger_id;
  return typeof id === 'string' && id ? id.slice(0, 100) : randomUUID();
}

/** One delivery's logger: its lines carry the request id the receiver put in Bolt's context (Socket Mode: the payload's). */
export function deliveryLogger(logger: Logger, context: Record<string, unknown>, body: unknown): Logger {
  const given = context.requestId;
  return logger.child({
    requestId: typeof given === 'string' ? given : slackRequestId((body ?? {}) as Record<string, unknown>),
  });
}
