/**
 * The core's two inline marks in neutral text: a command to type (`cmd('vote close IP-1')`) and a word to
 * stress (`strong('Longlist')`). Neutral text carries no platform syntax: each adapter renders the marks its
 * own way (Slack: `code` and *bold*; Teams: **bold**; plain text: “quotes”) and shows everything else as
 * typed, so a star or a backtick in someone's idea title is never read as formatting.
 */

// Private-use characters, taken off everything a person sends (see `unmarkInline`), so only the core makes them.
const COMMAND_OPEN = '\uE020';
const COMMAND_CLOSE = '\uE021';
const STRONG_OPEN = '\uE022';
const STRONG_CLOSE = '\uE023';
const ANY_MARK = /[\uE020-\uE023]/g;
const MARKED = /\uE020([^\uE020-\uE023]*)\uE021|\uE022([^\uE020-\uE023]*)\uE023/g;

/** Marks a command for the reader to type, e.g. `command('show IP-1')`. */
export function cmd(text: string): string {
  return `${COMMAND_OPEN}${text.replace(ANY_MARK, '')}${COMMAND_CLOSE}`;
}

/** Marks a word or phrase to stress, e.g. a stage name heading a group of ideas. */
export function strong(text: string): string {
  return `${STRONG_OPEN}${text.replace(ANY_MARK, '')}${STRONG_CLOSE}`;
}

/** How an adapter shows each kind of text: `plain` escapes text shown as typed; the other two wrap escaped text. */
export interface InlineStyle {
  plain: (text: string) => string;
  command: (escaped: string) => string;
  strong: (escaped: string) => string;
}

/** Neutral text rendered with a style: every part escaped by `style.plain`, marked parts then wrapped. */
export function renderInline(text: string, style: InlineStyle): string {
  let out = '';
  let at = 0;
  for (const match of text.matchAll(MARKED)) {
    out += style.plain(text.slice(at, match.index).replace(ANY_MARK, ''));
    out += match[1] !== undefined ? style.command(style.plain(match[1])) : style.strong(style.plain(match[2] ?? ''));
    at = match.index + match[0].length;
  }
  return out + style.plain(text.slice(at).replace(ANY_MARK, ''));
}

/** Neutral text as plain words, for places nothing is formatted: commands in “quotes”, stress dropped. */
export function plainInline(text: string): string {
  return renderInline(text, { plain: (t) => t, command: (t) => `“${t}”`, strong: (t) => t });
}

/** Text a person sent with any inline mark taken off, so typed text can never pass for the core's own. */
export function unmarkInline(text: string): string {
  return text.replace(ANY_MARK, '');
}
