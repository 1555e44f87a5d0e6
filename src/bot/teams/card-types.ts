import { toPlainText } from './card-text.js';

/** One Adaptive Card element or action as JSON; kept loose because Teams accepts a wide schema. */
export type CardElement = Record<string, unknown>;

/** An Adaptive Card 1.5 (the version with Action.Execute, needed for Teams universal actions). */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  fallbackText?: string;
}

/** The attachment content type of an Adaptive Card. */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Starts a card with the common header fields. */
export function newCard(body: CardElement[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    fallbackText: toPlainText(fallbackText),
  };
}

/** A wrapping text block. */
export function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}
