import { Activity } from '@microsoft/agents-activity';
import type { ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import { readCardData } from './card-actions.js';
import { resolveCardClick } from './card-click.js';
import { type MemberLookup, readCommandText } from './read-command-text.js';
import { cardMessage, deliverReply, sendPrivately, type TeamsDeps, textMessage } from './reply-delivery.js';
import { baseConversationId, callerOf, deliveryKeyOf, isGroupConversation } from './teams-identity.js';

/**
 * A message to the bot: typed words go to the core as a command; a plain `Action.Submit` from an
 * older client (a message whose `value` holds our card data) goes to the core as a click.
 */
export async function handleMessage(ctx: TurnContext, deps: TeamsDeps): Promise<void> {
  const activity = ctx.activity;
  if (readCardData(activity.value)) {
    const click = await resolveCardClick(activity, activity.value, deps);
    if (!click) return;
    const message = cardMessage(click.card, click.summary);
    if (click.visibility === 'public' || !isGroupConversation(activity)) {
      await ctx.sendActivity(Activity.fromObject(message));
      return;
    }
    if (await sendPrivately(ctx, message, deps)) return;
    // No private chat to be had: the answer goes into the thread, where everyone sees it, so an anonymous
    // vote is never repeated there (SPEC 3.1), only what may stay in view.
    await ctx.sendActivity(Activity.fromObject(click.lastingText ? textMessage(click.lastingText) : message));
    return;
  }
  const caller = callerOf(activity, deps.localMode);
  if (!caller) return;
  const text = await readCommandText(activity, memberLookup(ctx));
  const reply = await deps.pilot.core.handle(
    caller,
    { kind: 'text', text },
    { deliveryKey: deliveryKeyOf(activity), logger: deps.logger },
  );
  if (reply) await deliverReply(ctx, reply, deps);
}

/** Looks up a mentioned member (for their AAD object id) through the Connector. */
function memberLookup(ctx: TurnContext): MemberLookup {
  return async (memberId) => {
    const conversationId = ctx.activity.conversation?.id;
    if (!conversationId) return null;
    const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
    return (await client.getConversationMember(memberId, baseConversationId(conversationId))) ?? null;
  };
}
