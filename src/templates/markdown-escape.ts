/** Escaping of user text for Markdown (CommonMark, GitHub and Slack-style renderers alike). */
import { cleanText } from './clean-text.js';

// Inline markup characters: emphasis, code, links, tables, strikethrough, escapes.
const INLINE = /[\\`*_[\]|~]/g;
// Markup that only counts at the start of a line: headings, bullets, ordered lists, rules and setext underlines.
const LINE_START = /^(\s*)(#{1,6}(?=\s|$)|[+-](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|-{2,}|={2,})/;

/** Escapes one line of text: `&`, `<`, `>` as entities (Slack and HTML safe), markup characters with a backslash. */
function escapeLine(line: string): string {
  const escaped = line
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE, (c) => `\\${c}`);
  return escaped.replace(LINE_START, (_all, space: string, mark: string) =>
    /^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}

/** Inline text (table cells, headings, list items): escaped, with line breaks folded into spaces. */
export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = cleanText(String(value))
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return escapeLine(text);
}

/** A block of text (a paragraph or several): each line escaped, single line breaks kept as hard breaks. */
export function escapeMarkdownBlock(value: unknown): string {
  if (value === null || value === undefined) return '';
  const paragraphs = cleanText(String(value))
    .trim()
    .split(/\n\s*\n/);
  return paragraphs
    .map((p) =>
      p
        .split('\n')
        .map((line) => escapeLine(line.trim()))
        .filter((line) => line.length > 0)
        .join('  \n'),
    )
    .join('\n\n');
}
