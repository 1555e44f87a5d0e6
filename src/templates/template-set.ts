import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type CaseData, caseDataSchema } from './case-data-schema.js';
import { fullCaseSample, sparseCaseSample } from './case-samples.js';
import { createHandlebarsEnv, type HandlebarsEnv } from './handlebars-env.js';

/** The built-in templates' folder (this one). */
export const BUILT_IN_TEMPLATE_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Each template: its file name, the zod schema of its data, and sample data it must render at load time. */
const TEMPLATES = {
  businessCase: { file: 'business-case.md.hbs', schema: caseDataSchema, samples: [fullCaseSample, sparseCaseSample] },
  caseSummary: { file: 'case-summary.md.hbs', schema: caseDataSchema, samples: [fullCaseSample, sparseCaseSample] },
} as const;

/** A template's name in the set. */
export type TemplateName = keyof typeof TEMPLATES;

/** Compiled templates, ready to render; `files` says which file each one came from. */
export interface TemplateSet {
  /** The full business case as Markdown. */
  businessCase(data: CaseData): string;
  /** A short Markdown summary of the case, for posting to chat beside the .docx. */
  caseSummary(data: CaseData): string;
  files: Record<TemplateName, string>;
}

/**
 * Compiles the built-in templates, or a council's own `.hbs` files from `dir` (same file names; a
 * missing one falls back to the built-in). Compiles and test-renders eagerly, so a broken template
 * fails at start-up with an Error naming the file and the line.
 */
export function loadTemplates(dir?: string): TemplateSet {
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory())) {
    throw new Error(`Template folder ${dir} does not exist: check the templates folder setting.`);
  }
  const hb = createHandlebarsEnv();
  const files = {} as Record<TemplateName, string>;
  const renderers = {} as Record<TemplateName, (data: CaseData) => string>;
  for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
    const { file, schema, samples } = TEMPLATES[name];
    const custom = dir === undefined ? undefined : join(dir, file);
    const path = custom && existsSync(custom) ? custom : join(BUILT_IN_TEMPLATE_DIR, file);
    files[name] = path;
    renderers[name] = compileTemplate(hb, path, schema);
    for (const sample of samples) renderers[name](sample());
  }
  return { businessCase: renderers.businessCase, caseSummary: renderers.caseSummary, files };
}

/** Compiles one file strictly (a missing field is an error, not an empty string); errors name the file and line. */
function compileTemplate<T>(hb: HandlebarsEnv, path: string, schema: z.ZodType<T>): (data: T) => string {
  let render: (data: unknown) => string;
  try {
    const source = readFileSync(path, 'utf8');
    hb.precompile(source, { strict: true, noEscape: true }); // parses now: syntax errors surface at start-up
    render = hb.compile(source, { strict: true, noEscape: true });
  } catch (error) {
    throw templateError(path, error);
  }
  return (data: T) => {
    const parsed = schema.parse(data);
    try {
      return render(parsed);
    } catch (error) {
      throw templateError(path, error);
    }
  };
}

/** `Template /x/business-case.md.hbs, line 12: "titel" not defined ...`. */
function templateError(path: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const fromLoc = (error as { lineNumber?: unknown })?.lineNumber;
  const line = typeof fromLoc === 'number' ? fromLoc : Number(/on line (\d+)/.exec(message)?.[1] ?? Number.NaN);
  const where = Number.isNaN(line) ? 'line unknown' : `line ${line}`;
  return new Error(`Template ${path}, ${where}: ${message}`, { cause: error });
}
