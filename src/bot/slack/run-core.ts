import type { Context } from '@slack/bolt';
import type { AdapterPilot } from '../../ports/platform-adapter.js';
import type { Logger } from '../../workflows/deps.js';
import type { Action, Reply } from '../../views/reply.js';
import type { SlackClient } from './deliver-reply.js';
import { deliveryLogger, slackCaller, slackPerson } from './slack-context.js';

/** What the Slack listeners share. */
export interface SlackDeps {
  pilot: AdapterPilot;
  client: SlackClient;
  logger: Logger;
}

/** The listeners' deps for one delivery, logging under its request id (see {@link deliveryLogger}). */
export function forDelivery(deps: SlackDeps, context: Context, body: unknown): SlackDeps {
  return { ...deps, logger: deliveryLogger(deps.logger, context, body) };
}

/** Who acted, from the verified payload. */
export interface SlackActor {
  userId: string;
  displayName?: string;
  channelId?: string;
}

/**
 * Runs one action through the core as the Slack user who sent it. Returns null when the delivery was
 * handled before (a Slack retry), so nothing is done twice.
 */
export async function runCore(
  deps: SlackDeps,
  actor: SlackActor,
  action: Action,
  delivery: { key?: string; retryNum?: number },
): Promise<Reply | null> {
  await deps.pilot.people
    .touch(slackPerson(actor.userId), { displayName: actor.displayName })
    .catch((error: unknown) => {
      deps.logger.warn('could not remember a Slack user’s name', { err: error });
    });
  const reply = await deps.pilot.core.handle(slackCaller(actor.userId, actor.displayName, actor.channelId), action, {
    deliveryKey: delivery.key,
    logger: deps.logger,
  });
  if (!reply)
    deps.logger.info('Slack delivery already handled; the repeat is ignored', {
      key: delivery.key,
      retryNum: delivery.retryNum,
    });
  return reply;
}
