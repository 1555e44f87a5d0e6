import { plainInline, renderInline } from '../../views/inline.js';

/** The core's inline marks in card Markdown: a command to type and a stressed word both as **bold**. */
const CARD_STYLE = {
  plain: escapeMarkdown,
  command: (text: string) => `**${text}**`,
  strong: (text: string) => `**${text}**`,
};

/**
 * Neutral text as the Markdown subset Adaptive Cards show in Teams: the core's marks become **bold** (a
 * command reads better as a bold word to people who never type code), and everything else is shown as
 * typed: replies carry people's own words (idea titles, comments), so Markdown in them (stars, backticks,
 * links, images, lists, headings) must stay text. Single line breaks are kept as breaks.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
 */
export function toCardText(text: string): string {
  return renderInline(text, CARD_STYLE)
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

/**
 * A council template's Markdown for a card: shown as Markdown (its values were escaped by the template,
 * `&`, `<` and `>` as entities), with angle brackets made visible, since Teams drops anything that looks
 * like an HTML tag, and `&` escaped as in the rest of the card's text.
 */
export function cardMarkdown(markdown: string): string {
  const shown: Record<string, string> = { '&amp;': '\\&', '&lt;': '‹', '&gt;': '›', '<': '‹', '>': '›' };
  return markdown.replace(/&(?:amp|lt|gt);|[<>]/g, (m) => shown[m] ?? m);
}

/** Plain text for places Teams does not format (input labels, button titles, choice titles). */
export function toPlainText(text: string): string {
  return angles(plainInline(text));
}

/** Teams drops anything that looks like an HTML tag, so `<ID>` in a usage line would vanish: show it as ‹ID›. */
function angles(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}
