import { randomUUID } from 'node:crypto';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Logger } from '../../workflows/deps.js';

/** Where a turn keeps the logger of the request that carried it. */
const TURN_LOGGER = Symbol('pilot.turnLogger');

/** The id an activity is logged under: its Teams activity id, else a new one. */
export function teamsRequestId(activity: unknown): string {
  const id = (activity as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' && id ? id.slice(0, 100) : randomUUID();
}

/** Gives a turn the logger of its request, so the handlers' lines carry the same request id. */
export function setTurnLogger(ctx: TurnContext, logger: Logger): void {
  ctx.turnState.set(TURN_LOGGER, logger);
}

/** A turn's logger: its request's, or the base logger under the activity's id. */
export function turnLogger(ctx: TurnContext, base: Logger): Logger {
  return ctx.turnState.get<Logger | undefined>(TURN_LOGGER) ?? base.child({ requestId: teamsRequestId(ctx.activity) });
}
