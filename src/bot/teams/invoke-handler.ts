import { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import { resolveCardClick } from './card-click.js';
import { CARD_CONTENT_TYPE } from './card-types.js';
import { cardMessage, type TeamsDeps } from './reply-delivery.js';
import { isGroupConversation } from './teams-identity.js';

/** The invoke Teams sends for `Action.Execute`. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/** Answers an invoke with a status and body (the HTTP response Teams waits for). */
export async function answerInvoke(ctx: TurnContext, body: unknown, status = 200): Promise<void> {
  await ctx.sendActivity(Activity.fromObject({ type: 'invokeResponse', value: { status, body } }));
}

/** The invoke answer that shows a plain message instead of a card. */
export function messageAnswer(text: string): unknown {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/**
 * A click on an `Action.Execute` button: runs it through the core and answers (well within Teams'
 * 5 seconds) with the card the clicker should now see. A public result (an idea moved on) is also
 * posted to a channel or group chat so the team sees it.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards#adaptivecardaction-invoke-activity
 */
export async function handleInvoke(ctx: TurnContext, deps: TeamsDeps): Promise<void> {
  const activity = ctx.activity;
  if (activity.name !== CARD_ACTION_INVOKE) {
    await answerInvoke(ctx, {}, 200);
    return;
  }
  const action = (activity.value as { action?: { type?: string; data?: unknown } } | undefined)?.action;
  const click = await resolveCardClick(activity, action?.data, deps);
  if (!click) {
    await answerInvoke(ctx, messageAnswer('That was already done.'));
    return;
  }
  if (click.visibility === 'public' && isGroupConversation(activity)) {
    await ctx.sendActivity(Activity.fromObject(cardMessage(click.card, click.summary))).catch((error: unknown) => {
      deps.logger.warn('could not post a click’s result to the conversation', { err: error });
    });
  }
  await answerInvoke(ctx, { statusCode: 200, type: CARD_CONTENT_TYPE, value: click.card });
}
