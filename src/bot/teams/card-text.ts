/** Stand-ins for the bot's own bold while the text around it is escaped (removed from input first). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const STAND_INS = /[\uE000\uE001]/g;

/** `*bold*` in the core's light markup: a word or phrase between single stars, not touching spaces. */
const BOLD = /(^|[\s(“"'])\*([^*\s](?:[^*\n]*[^*\s])?)\*(?=$|[\s).,;:!?”"'])/gm;

/**
 * Turns the core's light markup into the Markdown subset Adaptive Cards show in Teams: `*bold*`
 * becomes **bold**, and `command` (shown as code in Slack) becomes a bold word, which reads better
 * to people who never type code. Everything else is shown as typed: replies carry people's own
 * words (idea titles, comments), so Markdown in them must not become links, images, lists or
 * headings. https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
 */
export function toCardText(text: string): string {
  const marked = angles(text.replace(STAND_INS, ''))
    .split(/(`[^`\n]{1,200}`)/g)
    .map((part, i) => (i % 2 === 1 ? `${OPEN}${part.slice(1, -1)}${CLOSE}` : part.replace(BOLD, `$1${OPEN}$2${CLOSE}`)))
    .join('');
  return escapeMarkdown(marked)
    .replace(STAND_INS, '**')
    .replace(/\n(?!\n)/g, '\n\n')
    .replace(/\n{3,}/g, '\n\n');
}

/**
 * Text shown exactly as typed inside card or message Markdown: every character Teams could read as
 * formatting (emphasis, links, images, code, entities, and list, heading or quote markers at the
 * start of a line) is backslash-escaped, as CommonMark allows for any ASCII punctuation.
 */
export function escapeMarkdown(text: string): string {
  return (
    angles(text)
      .replace(/[\\`*_[\]()!~&]/g, '\\$&')
      .replace(/^([ \t]*)([#>+=-])/gm, '$1\\$2')
      // "1. Longlist" at the start of a line would become a numbered list; a no-break space keeps it text.
      .replace(/^([ \t]*\d{1,9})\. /gm, '$1.\u00a0')
      .replace(/^([ \t]*\d{1,9})([.)])(?=[ \t]|$)/gm, '$1\\$2')
  );
}

/** Plain text for places Teams does not format (input labels, button titles, choice titles). */
export function toPlainText(text: string): string {
  return angles(text)
    .replace(/`([^`\n]*)`/g, '“$1”')
    .replace(/\*\*?([^*\n]+)\*\*?/g, '$1');
}

/** Teams drops anything that looks like an HTML tag, so `<ID>` in a usage line would vanish: show it as ‹ID›. */
function angles(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}
