import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  HighlightColor,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import { cleanText } from './clean-text.js';

/**
 * The business case's Word document, made from the Markdown its Handlebars template renders (issue 16:
 * one template is the source of both outputs). The Markdown is read with `marked`'s lexer and each
 * token mapped onto the `docx` library's builders: headings onto Word's heading styles, lists onto list
 * styles, tables onto tables whose header row repeats and whose rows do not split; a `[GAP: …]` marker
 * is highlighted. A council that edits its template changes both the Markdown and the `.docx`.
 */

/** Body content of a .docx: paragraphs and tables. */
export type Block = Paragraph | Table;

/** A4 width less 2.54 cm margins, in twentieths of a point. */
const CONTENT_WIDTH = 9026;
const HEAD_FILL = 'D9E2F3';
const GAP = /(\[GAP: [^\]]*\])/;
/** Tables up to this many rows are kept on one page (each row's paragraphs keep with the next row). */
const KEEP_TOGETHER_ROWS = 25;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
}

/** HTML entities the Markdown escaping writes (`&amp;`, `&lt;`, `&gt;`) and any numeric one, decoded. */
function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi, (all, name: string, dec, hex) => {
    if (dec || hex) {
      const code = Number.parseInt(dec ?? hex, dec ? 10 : 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }[name.toLowerCase()] ?? all;
  });
}

/** A piece of inline text with its style; a line break is a piece of its own. */
interface Piece {
  text: string;
  style: RunStyle;
  lineBreak?: boolean;
}

const sameStyle = (a: RunStyle, b: RunStyle) =>
  !!a.bold === !!b.bold && !!a.italics === !!b.italics && !!a.code === !!b.code;

/**
 * Pieces as Word runs: neighbours with one style joined (an escaped `]` is its own token), a gap marker
 * bold on yellow, line breaks as Word breaks.
 */
function runsOf(pieces: Piece[]): TextRun[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last && !last.lineBreak && !piece.lineBreak && sameStyle(last.style, piece.style)) last.text += piece.text;
    else merged.push({ ...piece });
  }
  const runs: TextRun[] = [];
  for (const { text, style, lineBreak } of merged) {
    if (lineBreak) {
      runs.push(new TextRun({ text: '', break: 1 }));
      continue;
    }
    for (const part of cleanText(text).split(GAP)) {
      if (!part) continue;
      const gap = GAP.test(part);
      part.split('\n').forEach((line, i) =>
        runs.push(
          new TextRun({
            text: line,
            break: i > 0 ? 1 : undefined,
            bold: style.bold || gap || undefined,
            italics: style.italics || undefined,
            ...(gap ? { highlight: HighlightColor.YELLOW } : {}),
            ...(style.code ? { font: 'Consolas' } : {}),
          }),
        ),
      );
    }
  }
  return runs;
}

/** Inline tokens (text, strong, em, code, breaks, links, escapes) as Word runs. */
function inline(tokens: Token[] | undefined, style: RunStyle = {}): TextRun[] {
  return runsOf(pieces(tokens, style));
}

function pieces(tokens: Token[] | undefined, style: RunStyle): Piece[] {
  const out: Piece[] = [];
  const text = (raw: string, s: RunStyle = style) => out.push({ text: decode(raw), style: s });
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        out.push(...pieces((token as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...pieces((token as Tokens.Em).tokens, { ...style, italics: true }));
        break;
      case 'del':
        out.push(...pieces((token as Tokens.Del).tokens, style));
        break;
      case 'codespan':
        text((token as Tokens.Codespan).text, { ...style, code: true });
        break;
      case 'br':
        out.push({ text: '', style, lineBreak: true });
        break;
      case 'link': {
        const link = token as Tokens.Link;
        out.push(...pieces(link.tokens, style));
        // The address is printed after its text: a paper is read on paper too.
        if (link.href && link.href !== link.text) text(` (${link.href})`);
        break;
      }
      case 'text': {
        const t = token as Tokens.Text;
        if (t.tokens) out.push(...pieces(t.tokens, style));
        else text(t.text);
        break;
      }
      default:
        // escape, html and anything else: its text as typed (HTML is never interpreted).
        text('text' in token && typeof token.text === 'string' ? token.text : token.raw);
    }
  }
  return out;
}

function heading(token: Tokens.Heading): Paragraph {
  const level =
    token.depth === 1
      ? HeadingLevel.TITLE
      : token.depth === 2
        ? HeadingLevel.HEADING_1
        : token.depth === 3
          ? HeadingLevel.HEADING_2
          : HeadingLevel.HEADING_3;
  return new Paragraph({
    children: inline(token.tokens),
    heading: level,
    keepNext: true,
    keepLines: true,
    spacing: token.depth === 2 ? { before: 320, after: 120 } : { before: 200, after: 80 },
  });
}

/** A list's items as list paragraphs; nested lists go one level deeper. Items keep with the next one. */
function list(token: Tokens.List, level: number, numbering: Numbering): Paragraph[] {
  const instance = token.ordered ? numbering.next() : 0;
  return token.items.flatMap((item, index) => {
    const last = index === token.items.length - 1;
    const own = item.tokens.filter((t) => t.type !== 'list');
    const runs = own.flatMap((t) =>
      t.type === 'text' || t.type === 'paragraph'
        ? inline((t as Tokens.Text).tokens ?? [{ type: 'text', raw: t.raw, text: t.raw } as Tokens.Text])
        : [],
    );
    const paragraph = new Paragraph({
      children: runs,
      ...(token.ordered
        ? { numbering: { reference: NUMBERED, level, instance } }
        : { bullet: { level: Math.min(level, 8) } }),
      keepNext: !last,
      spacing: { after: 60 },
    });
    const nested = item.tokens
      .filter((t): t is Tokens.List => t.type === 'list')
      .flatMap((t) => list(t, level + 1, numbering));
    return [paragraph, ...nested];
  });
}

/**
 * Column widths in twips: a label table's first column fixed; otherwise each column at least as wide as
 * its longest word (so no word breaks inside), and the rest shared by how much text each column holds.
 */
function widths(token: Tokens.Table, labels: boolean): number[] {
  const columns = token.header.length;
  if (labels && columns === 2) return [2600, CONTENT_WIDTH - 2600];
  const cellsOf = (i: number) => [token.header[i], ...token.rows.map((r) => r[i])].map((c) => decode(c?.text ?? ''));
  // About 125 twips a character of 11 pt Arial (bold headings are the widest), plus the cell's margins.
  const least = token.header.map((_, i) =>
    Math.max(600, 240 + 125 * Math.max(0, ...cellsOf(i).flatMap((t) => t.split(/\s+/).map((w) => w.length)))),
  );
  const weight = token.header.map((_, i) => Math.min(60, Math.max(4, ...cellsOf(i).map((t) => t.length))));
  const floor = least.reduce((a, b) => a + b, 0);
  if (floor >= CONTENT_WIDTH) return least.map((w) => Math.floor((w * CONTENT_WIDTH) / floor));
  const spare = CONTENT_WIDTH - floor;
  const total = weight.reduce((a, b) => a + b, 0);
  return least.map((w, i) => w + Math.floor((spare * (weight[i] ?? 0)) / total));
}

function cell(content: Tokens.TableCell | undefined, width: number, head: boolean, keepNext: boolean): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        children: inline(content?.tokens, head ? { bold: true } : {}),
        keepNext,
        keepLines: true,
      }),
    ],
    width: { size: width, type: WidthType.DXA },
    shading: head ? { type: ShadingType.CLEAR, fill: HEAD_FILL, color: 'auto' } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

/**
 * A table. With column headings, the heading row is shaded, bold, and repeats on every page; a table
 * whose headings are all empty (`| | |`) is a label table: no heading row, its first column shaded and
 * bold. No row splits across pages, and a short table is kept on one page.
 */
function table(token: Tokens.Table): Table {
  const labels = token.header.every((h) => h.text.trim() === '');
  const w = widths(token, labels);
  const together = token.rows.length <= KEEP_TOGETHER_ROWS;
  const head = labels
    ? []
    : [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: token.header.map((h, i) => cell(h, w[i] ?? 0, true, true)),
        }),
      ];
  const body = token.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: token.header.map((_, i) =>
          cell(row[i], w[i] ?? 0, labels && i === 0, together && r < token.rows.length - 1),
        ),
      }),
  );
  return new Table({
    rows: [...head, ...body],
    columnWidths: w,
    width: { size: w.reduce((a, b) => a + b, 0), type: WidthType.DXA },
  });
}

const NUMBERED = 'numbered-list';

/** Hands out a fresh instance for each ordered list, so each one starts again at 1. */
class Numbering {
  private count = 0;
  next(): number {
    return ++this.count;
  }
}

/** The Word blocks of a Markdown document. */
export function markdownBlocks(markdown: string, numbering = new Numbering()): Block[] {
  const blocks: Block[] = [];
  for (const token of new Lexer({ gfm: true }).lex(markdown)) {
    switch (token.type) {
      case 'heading':
        blocks.push(heading(token as Tokens.Heading));
        break;
      case 'paragraph':
        blocks.push(new Paragraph({ children: inline((token as Tokens.Paragraph).tokens), spacing: { after: 120 } }));
        break;
      case 'list':
        blocks.push(...list(token as Tokens.List, 0, numbering));
        break;
      case 'table':
        blocks.push(table(token as Tokens.Table), new Paragraph({ children: [], spacing: { after: 80 } }));
        break;
      case 'hr':
        // A rule starts a new page (between the papers of a meeting pack, before an appendix).
        blocks.push(new Paragraph({ children: [new PageBreak()] }));
        break;
      case 'blockquote':
        for (const inner of markdownBlocks((token as Tokens.Blockquote).tokens.map((t) => t.raw).join(''), numbering))
          blocks.push(inner);
        break;
      case 'code':
        blocks.push(
          new Paragraph({
            children: runsOf([{ text: (token as Tokens.Code).text, style: { code: true } }]),
            spacing: { after: 120 },
          }),
        );
        break;
      case 'space':
        break;
      default:
        if (token.raw.trim())
          blocks.push(
            new Paragraph({ children: runsOf([{ text: token.raw.trim(), style: {} }]), spacing: { after: 120 } }),
          );
    }
  }
  return blocks;
}

/** What the document says about itself (Word's File > Properties) and in its running header. */
export interface DocumentMeta {
  title: string;
  author: string;
  description: string;
  /** The running header's text (e.g. "DRAFT — IP-3 Reabling homecare"). */
  header: string;
}

/**
 * A Word document from Markdown, or from several (a meeting pack: each part starts on a new page). It
 * has real heading and list styles, en-GB as its language, title and author properties, page numbers.
 */
export async function markdownToDocx(parts: string[], meta: DocumentMeta): Promise<Uint8Array> {
  const numbering = new Numbering();
  const children = parts.flatMap((markdown, i) => [
    ...(i > 0 ? [new Paragraph({ children: [new PageBreak()] })] : []),
    ...markdownBlocks(markdown, numbering),
  ]);
  const doc = new Document({
    creator: cleanText(meta.author),
    lastModifiedBy: cleanText(meta.author),
    title: cleanText(meta.title),
    description: cleanText(meta.description),
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } } },
        title: { run: { font: 'Arial', size: 36, bold: true, color: '1F3864' } },
        heading1: { run: { font: 'Arial', size: 28, bold: true, color: '1F3864' } },
        heading2: { run: { font: 'Arial', size: 24, bold: true, color: '1F3864' } },
        heading3: { run: { font: 'Arial', size: 22, bold: true, color: '1F3864' } },
      },
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: cleanText(meta.header), size: 16, color: '595959' })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
