import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { CaseData } from './case-data-schema.js';
import { closing, coProduction, outcomes, providers, resources, specialists } from './case-docx-back.js';
import { background, executiveSummary, recommendations, summaryTable } from './case-docx-front.js';
import { fullCaseSample, sparseCaseSample } from './case-samples.js';
import { clean } from './docx-blocks.js';
import { loadTemplates, type TemplateSet } from './template-set.js';

let builtIn: TemplateSet | undefined;

/** The built-in templates, compiled once on first use. */
function defaultTemplates(): TemplateSet {
  builtIn ??= loadTemplates();
  return builtIn;
}

/** The business case as Markdown, from `business-case.md.hbs` (the council's own if `templates` came from its folder). */
export function renderCaseMarkdown(data: CaseData, templates: TemplateSet = defaultTemplates()): string {
  return templates.businessCase(data);
}

/** A short Markdown summary of the case for chat, from `case-summary.md.hbs`. */
export function renderCaseSummary(data: CaseData, templates: TemplateSet = defaultTemplates()): string {
  return templates.caseSummary(data);
}

/** The business case as a Word document (.docx), built with the `docx` library from the same data. */
export async function renderCaseDocx(data: CaseData): Promise<Uint8Array> {
  const doc = new Document({
    creator: clean(data.meta.author),
    title: clean(`Business case: ${data.meta.title}`),
    description: `Draft JCC business case for ${data.meta.ideaId}`,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22 } },
        title: { run: { font: 'Arial', size: 36, bold: true, color: '1F3864' } },
        heading1: { run: { font: 'Arial', size: 28, bold: true, color: '1F3864' } },
        heading2: { run: { font: 'Arial', size: 24, bold: true, color: '1F3864' } },
      },
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
                children: [
                  new TextRun({
                    text: clean(`DRAFT — ${data.meta.ideaId} ${data.meta.title}`),
                    size: 16,
                    color: '7F7F7F',
                  }),
                ],
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
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            children: [new TextRun(clean(`Business case: ${data.meta.title}`))],
          }),
          new Paragraph({
            children: [
              new TextRun({
                text: 'Joint Commissioning Committee — draft business case for an innovation pilot',
                bold: true,
              }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun(
                clean(
                  `Idea ${data.meta.ideaId} · status: ${data.meta.status} · prepared by ${data.meta.author} on ${data.meta.preparedOn}`,
                ),
              ),
            ],
            spacing: { after: 120 },
          }),
          new Paragraph({
            children: [
              new TextRun({
                text:
                  'Drafted from the records of the innovation pilot selection process. Text marked [GAP: …] is not ' +
                  'recorded yet and must be completed before the paper goes to the committee.',
                italics: true,
              }),
            ],
            spacing: { after: 200 },
          }),
          ...summaryTable(data),
          ...executiveSummary(data),
          ...recommendations(data),
          ...background(data),
          ...coProduction(data),
          ...outcomes(data),
          ...resources(data),
          ...providers(data),
          ...specialists(data),
          ...closing(data),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Renders sample cases once (Markdown and .docx) so the first real request does not pay for JIT warm-up. */
export async function warmUpCaseRendering(templates: TemplateSet = defaultTemplates()): Promise<void> {
  for (const sample of [fullCaseSample(), sparseCaseSample()]) {
    renderCaseMarkdown(sample, templates);
    renderCaseSummary(sample, templates);
    await renderCaseDocx(sample);
  }
}
