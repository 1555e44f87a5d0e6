import { Activity } from '@microsoft/agents-activity';
import type { ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import type { AdapterPilot } from '../../ports/platform-adapter.js';
import type { Logger } from '../../workflows/deps.js';
import type { Reply } from '../../views/reply.js';
import { escapeMarkdown, toCardText, toPlainText } from './card-text.js';
import { type AdaptiveCard, CARD_CONTENT_TYPE, newCard, textBlock } from './card-types.js';
import { isPersonalReference, isReference, referenceOf } from './conversation-refs.js';
import type { FileLinks } from './file-links.js';
import { nameThePeople } from './name-the-people.js';
import { sendToPersonalChat } from './personal-chat.js';
import { type CardOptions, renderCard } from './render-card.js';
import { renderFormCard } from './render-form-card.js';
import { isGroupConversation, senderIdOf } from './teams-identity.js';

/** What the Teams handlers share. */
export interface TeamsDeps {
  pilot: AdapterPilot;
  logger: Logger;
  files: FileLinks;
  /** Local mode (no sign-in): a sender without an AAD object id is known by their Teams id. */
  localMode: boolean;
}

/** A message activity (as plain JSON) carrying one card. */
export function cardMessage(card: AdaptiveCard, summary: string): Record<string, unknown> {
  return {
    type: 'message',
    summary: toPlainText(summary).slice(0, 200),
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
  };
}

/** The card for a reply: its form if it opens one, else its blocks, with people named and files linked. */
export async function cardFor(reply: Reply, deps: TeamsDeps, options: CardOptions = {}): Promise<AdaptiveCard> {
  if (reply.form) return renderFormCard(reply.form);
  const named = await nameThePeople(reply, deps.pilot.deps.store);
  const links = await deps.files.publish(reply.files ?? []);
  if (links === null)
    named.blocks = [
      ...named.blocks,
      {
        kind: 'context',
        text: 'There is a file with this answer, but Teams can only offer it once the bot’s public address (PILOT_PUBLIC_URL) is set. Please ask your admin.',
      },
    ];
  return renderCard(named, { ...options, files: links ?? [] });
}

/**
 * Answers a message where it was sent. Public replies go to the conversation. Private ones go to
 * the personal chat as they are; from a channel or group chat they go to the person's 1:1 chat
 * with the bot (with a short pointer in the thread), or into the thread if that chat cannot be made.
 */
export async function deliverReply(ctx: TurnContext, reply: Reply, deps: TeamsDeps): Promise<void> {
  const card = await cardFor(reply, deps);
  const message = cardMessage(card, reply.text);
  if (reply.visibility === 'public' || !isGroupConversation(ctx.activity)) {
    await ctx.sendActivity(Activity.fromObject(message));
    return;
  }
  if (await sendPrivately(ctx, message, deps)) {
    const first = ctx.activity.from?.name?.split(' ')[0];
    const name = first ? escapeMarkdown(first) : undefined;
    await ctx.sendActivity(
      `${name ? `${name}, I` : 'I'}’ve sent my answer to your private chat with me, so only you can see it.`,
    );
    return;
  }
  // Into the thread, in view of everyone: an anonymous vote is never repeated there (SPEC 3.1).
  await ctx.sendActivity(Activity.fromObject(reply.lastingText ? textMessage(reply.lastingText) : message));
}

/** A message carrying one card with one line of neutral text. */
export function textMessage(text: string): Record<string, unknown> {
  return cardMessage(newCard([textBlock(toCardText(text))], text), text);
}

/** Sends a message to the sender's 1:1 chat from within a turn; false when that is not possible. */
export async function sendPrivately(
  ctx: TurnContext,
  message: Record<string, unknown>,
  deps: TeamsDeps,
): Promise<boolean> {
  const personId = senderIdOf(ctx.activity, deps.localMode);
  const here = referenceOf(ctx.activity);
  if (!personId || !here) return false;
  try {
    const person = await deps.pilot.deps.store.getPerson(personId);
    const contact =
      isReference(person?.contact) &&
      isPersonalReference(person.contact) &&
      person.contact.serviceUrl === here.serviceUrl
        ? person.contact
        : here;
    const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
    await sendToPersonalChat(client, deps.pilot, personId, contact, message);
    return true;
  } catch (error) {
    deps.logger.warn('could not reach the person privately in Teams; answering in the thread', {
      personId,
      err: error,
    });
    return false;
  }
}
