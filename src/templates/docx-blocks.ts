import {
  HeadingLevel,
  HighlightColor,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type GapKey, gapText } from './case-gaps.js';
import { cleanText } from './clean-text.js';

/** A4 width less 2.54 cm margins, in twentieths of a point (docx's default page). */
export const CONTENT_WIDTH = 9026;

/** A piece of inline content: plain text, a run with options, or a marked gap. */
export type Inline = string | TextRun | { gap: GapKey };

/** Text safe for WordprocessingML: control characters removed, line ends normalised. */
export function clean(text: string): string {
  return cleanText(text);
}

/** A run of text; line breaks inside become Word line breaks. */
export function run(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return clean(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }));
}

/** The visible, highlighted `[GAP: …]` placeholder. */
export function gapRun(key: GapKey): TextRun {
  return new TextRun({ text: gapText(key), bold: true, highlight: HighlightColor.YELLOW });
}

function toRuns(parts: Inline[]): TextRun[] {
  return parts.flatMap((p) => (typeof p === 'string' ? run(p) : p instanceof TextRun ? [p] : [gapRun(p.gap)]));
}

/** A paragraph of inline parts. */
export function para(...parts: Inline[]): Paragraph {
  return new Paragraph({ children: toRuns(parts), spacing: { after: 120 } });
}

/** User text that may hold several paragraphs (blank lines) and line breaks. */
export function paras(text: string): Paragraph[] {
  return clean(text)
    .trim()
    .split(/\n\s*\n/)
    .map((p) => para(p.trim()));
}

/** A bulleted list item. */
export function bullet(...parts: Inline[]): Paragraph {
  return new Paragraph({ children: toRuns(parts), bullet: { level: 0 }, spacing: { after: 60 } });
}

/** A small italic line saying who recorded something and when. */
export function recordedNote(recordedBy: string, recordedOn: string): Paragraph {
  return new Paragraph({
    children: run(`Recorded by ${recordedBy} on ${recordedOn}.`, { italics: true }),
    spacing: { before: 80, after: 160 },
  });
}

/** Space after a table, before the text that follows it. */
export function spacer(): Paragraph {
  return new Paragraph({ children: [], spacing: { after: 80 } });
}

/** A numbered section heading (Word's Heading 1 style). */
export function heading1(text: string): Paragraph {
  return new Paragraph({
    children: run(text),
    heading: HeadingLevel.HEADING_1,
    keepNext: true,
    spacing: { before: 320, after: 120 },
  });
}

/** A subsection heading (Word's Heading 2 style). */
export function heading2(text: string): Paragraph {
  return new Paragraph({
    children: run(text),
    heading: HeadingLevel.HEADING_2,
    keepNext: true,
    spacing: { before: 200, after: 80 },
  });
}

const HEAD_FILL = 'D9E2F3';

function tableCell(parts: Inline[], width: number, head: boolean): TableCell {
  const children = head
    ? parts.flatMap((p) => (typeof p === 'string' ? run(p, { bold: true }) : toRuns([p])))
    : toRuns(parts);
  return new TableCell({
    children: [new Paragraph({ children })],
    width: { size: width, type: WidthType.DXA },
    shading: head ? { type: ShadingType.CLEAR, fill: HEAD_FILL, color: 'auto' } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

/**
 * A bordered table; widths are in twips. The optional header row is shaded, bold and repeats
 * across pages; with `labels`, the first column is shaded and bold too.
 */
export function table(
  rows: Inline[][],
  widths: number[],
  options: { header?: string[]; labels?: boolean } = {},
): Table {
  const width = (i: number) => widths[i] ?? 0;
  const head = options.header
    ? [new TableRow({ tableHeader: true, children: options.header.map((h, i) => tableCell([h], width(i), true)) })]
    : [];
  const body = rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map((c, i) => tableCell([c], width(i), i === 0 && options.labels === true)),
      }),
  );
  return new Table({
    rows: [...head, ...body],
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
  });
}

/** A label/value table (the report summary, funding, outline): labels shaded in the first column. */
export function labelTable(rows: [string, ...Inline[]][], labelWidth = 2600): Table {
  const cells = rows.map(([label, ...value]) => [label, value] as const);
  return tableOfParts(cells, [labelWidth, CONTENT_WIDTH - labelWidth]);
}

function tableOfParts(rows: (readonly [string, Inline[]])[], widths: number[]): Table {
  return new Table({
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [tableCell([label], widths[0] ?? 0, true), tableCell(value, widths[1] ?? 0, false)],
        }),
    ),
    columnWidths: widths,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
  });
}
