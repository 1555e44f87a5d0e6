import type { Reply, ReplyBlock, ReplyButton } from '../../views/reply.js';
import { cardAction } from './card-actions.js';
import { cardMarkdown, escapeMarkdown, toCardText, toPlainText } from './card-text.js';
import { type AdaptiveCard, type CardElement, newCard, textBlock } from './card-types.js';

/** Teams rejects cards over about 28 KB; stay under it with room for the activity around the card. */
const MAX_CARD_BYTES = 24_000;

/** Extra things a card can carry besides the reply itself. */
export interface CardOptions {
  /** A line shown first, e.g. the result of the click that produced this card. */
  banner?: { text: string; tone: 'good' | 'attention' };
  /** Download links for the reply's files. */
  files?: { title: string; url: string }[];
}

/** Renders a neutral reply as one Adaptive Card 1.5 (the only place reply blocks become card JSON). */
export function renderCard(reply: Reply, options: CardOptions = {}): AdaptiveCard {
  const body: CardElement[] = [];
  // A tinted box (rather than coloured text) keeps the message readable in Teams' light and dark themes.
  if (options.banner)
    body.push({
      type: 'Container',
      style: options.banner.tone,
      bleed: true,
      items: [textBlock(toCardText(options.banner.text), { weight: 'Bolder' })],
    });
  let separate = false;
  for (const block of reply.blocks) {
    if (block.kind === 'divider') {
      separate = true;
      continue;
    }
    const elements = renderBlock(block);
    if (separate && elements[0]) elements[0] = { ...elements[0], separator: true, spacing: 'Medium' };
    separate = false;
    body.push(...elements);
  }
  if (body.length === 0) body.push(textBlock(toCardText(reply.text)));
  const actions = (options.files ?? []).map((f) => ({
    type: 'Action.OpenUrl',
    title: `Download ${toPlainText(f.title)}`,
    url: f.url,
  }));
  return fitCard(newCard(body, reply.text), actions);
}

function renderBlock(block: ReplyBlock): CardElement[] {
  switch (block.kind) {
    case 'heading':
      return [textBlock(toCardText(block.text), { size: 'Large', weight: 'Bolder', style: 'heading' })];
    case 'text':
      return [textBlock(toCardText(block.text))];
    case 'context':
      return [textBlock(toCardText(block.text), { isSubtle: true, size: 'Small' })];
    case 'markdown':
      return [textBlock(cardMarkdown(block.text))];
    case 'fields':
      return [
        {
          type: 'FactSet',
          // Teams formats Fact titles as Markdown too.
          facts: block.fields.map((f) => ({ title: escapeMarkdown(toPlainText(f.label)), value: toCardText(f.value) })),
        },
      ];
    case 'list':
      return [
        {
          type: 'Container',
          items: block.items.map((item, i) =>
            textBlock(`•  ${toCardText(item)}`, { spacing: i === 0 ? 'Small' : 'None' }),
          ),
        },
      ];
    case 'buttons':
      return [{ type: 'ActionSet', actions: block.buttons.map((b) => buttonAction(b)) }];
    default:
      return [];
  }
}

function buttonAction(button: ReplyButton): CardElement {
  const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  return cardAction(
    toPlainText(button.label),
    { kind: 'button', actionId: button.actionId, value: button.value },
    style,
  );
}

/** Drops trailing body elements until the card fits Teams' size limit, and says so on the card. */
function fitCard(card: AdaptiveCard, actions: CardElement[]): AdaptiveCard {
  const withActions = actions.length > 0 ? { ...card, actions } : card;
  if (Buffer.byteLength(JSON.stringify(withActions)) <= MAX_CARD_BYTES) return withActions;
  const body = [...card.body];
  const note = textBlock(
    'This answer was too long for one card, so it has been shortened. Try a narrower command, such as **list mine** or a page number.',
    { isSubtle: true, size: 'Small' },
  );
  while (
    body.length > 1 &&
    Buffer.byteLength(JSON.stringify({ ...withActions, body: [...body, note] })) > MAX_CARD_BYTES
  )
    body.pop();
  return { ...withActions, body: [...body, note] };
}
