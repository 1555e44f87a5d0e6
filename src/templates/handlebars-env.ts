import Handlebars from 'handlebars';
import { countOf } from './case-format.js';
import { gapText, isGapKey } from './case-gaps.js';
import { escapeMarkdown, escapeMarkdownBlock } from './markdown-escape.js';

/** A Handlebars instance of its own (helpers never leak into the global one). */
export type HandlebarsEnv = ReturnType<typeof Handlebars.create>;

type HelperOptions = { name?: string; loc?: { start?: { line?: number; column?: number } } };

/** An error carrying the template line, as Handlebars' own errors do. */
function helperError(options: HelperOptions, message: string): Error {
  const line = options.loc?.start?.line;
  const error = new Error(`{{${options.name ?? 'helper'}}} ${message}`) as Error & { lineNumber?: number };
  if (line !== undefined) error.lineNumber = line;
  return error;
}

/** Data fields are never `undefined` (gaps are `null`), so `undefined` means a misspelt field name. */
function defined(value: unknown, options: HelperOptions): unknown {
  if (value === undefined) throw helperError(options, 'was given a field that the data does not have (misspelt?)');
  return value;
}

/**
 * Creates the Handlebars environment templates are compiled in. Templates are compiled with
 * `noEscape` (HTML escaping would double-escape Markdown), so every value goes through a helper:
 * `{{md x}}` inline text, `{{mdBlock x}}` paragraphs, `{{gap "funding"}}` a marked placeholder,
 * `{{count n "round" "rounds"}}`, `{{yesNo b}}`.
 */
export function createHandlebarsEnv(): HandlebarsEnv {
  const hb = Handlebars.create();
  // Numbered sections and paragraphs members can refer to (SPEC 4): `{{section "Title"}}` is the next
  // numbered section heading, `{{p}}` the next paragraph number in it ("4.2"). Counted per rendering.
  const numbering = new WeakMap<object, { section: number; paragraph: number }>();
  const numbersOf = (options: HelperOptions & { data?: { root?: object } }) => {
    const root = options.data?.root ?? {};
    let state = numbering.get(root);
    if (!state) numbering.set(root, (state = { section: 0, paragraph: 0 }));
    return state;
  };
  hb.registerHelper('section', (title: unknown, options: HelperOptions) => {
    const state = numbersOf(options);
    state.section += 1;
    state.paragraph = 0;
    return `## ${state.section}. ${escapeMarkdown(defined(title, options))}`;
  });
  hb.registerHelper('p', (options: HelperOptions) => {
    const state = numbersOf(options);
    state.paragraph += 1;
    return `**${state.section}.${state.paragraph}**`;
  });
  hb.registerHelper('md', (value: unknown, options: HelperOptions) => escapeMarkdown(defined(value, options)));
  hb.registerHelper('mdBlock', (value: unknown, options: HelperOptions) =>
    escapeMarkdownBlock(defined(value, options)),
  );
  hb.registerHelper('gap', (key: unknown, options: HelperOptions) => {
    if (!isGapKey(key)) throw helperError(options, `names no known gap: ${String(key)}`);
    return `**${gapText(key)}**`;
  });
  hb.registerHelper('count', (n: unknown, one: unknown, many: unknown, options: HelperOptions) =>
    escapeMarkdown(countOf(Number(defined(n, options)), String(one), String(many))),
  );
  hb.registerHelper('yesNo', (value: unknown, options: HelperOptions) => (defined(value, options) ? 'Yes' : 'No'));
  return hb;
}
