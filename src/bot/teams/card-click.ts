import type { Activity } from '@microsoft/agents-activity';
import type { Reply } from '../../views/reply.js';
import { type CardIntent, cardAction, readCardData, toCoreAction } from './card-actions.js';
import { type AdaptiveCard, newCard, textBlock } from './card-types.js';
import { renderFormCard } from './render-form-card.js';
import { cardFor, type TeamsDeps } from './reply-delivery.js';
import { callerOf, deliveryKeyOf } from './teams-identity.js';

/** What a click on one of our cards comes to: the card the clicker should now see, and who else should. */
export interface CardClick {
  card: AdaptiveCard;
  summary: string;
  visibility: Reply['visibility'];
  /** What may be said instead where the answer would stay in view of others (an anonymous vote): see `Reply.lastingText`. */
  lastingText?: string;
}

/**
 * Runs a card click (a button, a form submission, a cancel) through the core. A form with problems
 * comes back as the same form, filled in as it was, with a message under each field; a vote comes
 * back as the round's card with the voter's own vote on top, for the voter's eyes only.
 */
export async function resolveCardClick(activity: Activity, data: unknown, deps: TeamsDeps): Promise<CardClick | null> {
  const caller = callerOf(activity, deps.localMode);
  const read = readCardData(data);
  if (!caller || !read)
    return note('That button is from an older message I can no longer read. Please type **help** to start again.');
  const { intent, inputs } = read;
  const action = toCoreAction(intent, inputs);
  if (!action) return cancelled(intent);
  const core = deps.pilot.core;
  const reply = await core.handle(caller, action, { deliveryKey: deliveryKeyOf(activity), logger: deps.logger });
  if (!reply) return null;
  // The core says what to show next: the form again (a fixable error) or the round's message (a vote button).
  if (intent.kind === 'form' && reply.reopen)
    return {
      card: renderFormCard(reply.reopen, { values: inputs, fieldErrors: reply.fieldErrors, message: reply.text }),
      summary: reply.text,
      visibility: 'private',
    };
  if (reply.refreshTo) {
    const round = await deps.pilot.voting.currentView(reply.refreshTo.roundId).catch(() => null);
    if (round) {
      const banner = { text: reply.text, tone: reply.errorCode ? ('attention' as const) : ('good' as const) };
      return {
        card: await cardFor(round.view, deps, { banner }),
        summary: reply.text,
        visibility: 'private',
        ...(reply.lastingText ? { lastingText: reply.lastingText } : {}),
      };
    }
  }
  return {
    card: await cardFor(reply, deps),
    summary: reply.text,
    visibility: reply.form ? 'private' : reply.visibility,
    ...(reply.lastingText ? { lastingText: reply.lastingText } : {}),
  };
}

function note(text: string): CardClick {
  return { card: newCard([textBlock(text)], text), summary: text, visibility: 'private' };
}

function cancelled(intent: CardIntent): CardClick {
  const text = 'No problem: nothing was saved.';
  const card = newCard(
    [
      textBlock(text),
      textBlock('You can open the form again whenever you are ready.', { isSubtle: true, size: 'Small' }),
    ],
    text,
  );
  const ideaId = intent.kind === 'cancel' ? intent.ideaId : undefined;
  if (ideaId) card.actions = [cardAction('See the idea', { kind: 'button', actionId: 'idea.show', value: ideaId })];
  return { card, summary: text, visibility: 'private' };
}
