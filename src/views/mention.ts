import { unmarkInline } from './inline.js';

/** How the core names a person or channel in reply text, so adapters can tell its mentions from typed text. */

// The core's mark for a person or channel it names: a pair of Unicode isolates (FSI … PDI) around the id,
// invisible wherever a reader does not use it, and meant for an embedded name of unknown direction.
// https://www.unicode.org/reports/tr9/#Explicit_Directional_Isolates
const OPEN = '\u2068';
const CLOSE = '\u2069';
const MARKED = /\u2068([a-z]+:[A-Za-z0-9._:@-]{1,200})\u2069/g;

/**
 * Marks a person or channel id (`slack:U1`, `teams:<aad id>`, `person:P-1`) that the core itself names in reply
 * text. Adapters turn only marked ids into mentions or names, never an id a user typed into a title or comment.
 */
export function mention(id: string): string {
  return `${OPEN}${id}${CLOSE}`;
}

/** Replaces every marked id with what `render` gives for it (a mention, a name, or the bare id). */
export function renderMentions(text: string, render: (id: string) => string): string {
  return text.replace(MARKED, (_marked, id: string) => render(id));
}

/** The ids marked in a text, in order of appearance. */
export function mentionedIds(text: string): string[] {
  return [...text.matchAll(MARKED)].map((m) => m[1]!);
}

/**
 * User text with any mark the core uses taken off (around an id, or inline: see `inline.ts`), so typed (or
 * pasted) text can never pass for the core's own.
 */
export function unmarkUserText(text: string): string {
  return unmarkInline(renderMentions(text, (id) => id));
}
