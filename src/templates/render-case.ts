import type { CaseData } from './case-data-schema.js';
import { fullCaseSample, sparseCaseSample } from './case-samples.js';
import { type DocumentMeta, markdownToDocx } from './markdown-docx.js';
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

/**
 * The business case as a Word document (.docx): the Markdown the template renders (or `markdown`, when the
 * caller has it already), mapped onto Word's styles. A council's own template changes both outputs.
 */
export async function renderCaseDocx(
  data: CaseData,
  templates: TemplateSet = defaultTemplates(),
  markdown: string = templates.businessCase(data),
): Promise<Uint8Array> {
  return markdownToDocx([markdown], caseDocumentMeta(data));
}

/** The properties and running header of a business case's Word document. */
export function caseDocumentMeta(data: CaseData): DocumentMeta {
  return {
    title: `Business case: ${data.meta.title}`,
    // A document property cannot hold a highlighted gap: an author whose name is not known is named by role.
    author: data.meta.author.startsWith('[GAP:') ? data.meta.authorRole : data.meta.author,
    description: `Draft JCC business case for ${data.meta.ideaId}`,
    header: `DRAFT — ${data.meta.ideaId} ${data.meta.title}`,
  };
}

/** Renders sample cases once (Markdown and .docx) so the first real request does not pay for JIT warm-up. */
export async function warmUpCaseRendering(templates: TemplateSet = defaultTemplates()): Promise<void> {
  for (const sample of [fullCaseSample(), sparseCaseSample()]) {
    renderCaseMarkdown(sample, templates);
    renderCaseSummary(sample, templates);
    await renderCaseDocx(sample, templates);
  }
}
