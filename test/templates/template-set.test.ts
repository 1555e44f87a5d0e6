import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATE_DIR, loadTemplates } from '../../src/templates/template-set.js';
import { makeFullCase } from './case-fixtures.js';

/** A fresh folder holding the given template files. */
function councilFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'council-templates-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadTemplates', () => {
  it('compiles the built-in templates', () => {
    const set = loadTemplates();
    expect(set.files.businessCase).toBe(join(BUILT_IN_TEMPLATE_DIR, 'business-case.md.hbs'));
    expect(set.businessCase(makeFullCase())).toContain('# Business case: Reabling Homecare');
  });

  it("uses a council's own template and falls back to the built-in for missing files", () => {
    const dir = councilFolder({
      'business-case.md.hbs': 'Paper for {{md meta.title}}: {{#with funding}}{{md amount}}{{/with}}\n',
    });
    const set = loadTemplates(dir);
    expect(set.files.businessCase).toBe(join(dir, 'business-case.md.hbs'));
    expect(set.files.caseSummary).toBe(join(BUILT_IN_TEMPLATE_DIR, 'case-summary.md.hbs'));
    expect(set.businessCase(makeFullCase({ title: 'A | B' }))).toBe('Paper for A \\| B: £48,500\n');
    expect(set.caseSummary(makeFullCase())).toContain('**Business case draft: Reabling Homecare**');
  });

  it('throws at load, naming the file and line, for a template that does not parse', () => {
    const dir = councilFolder({ 'business-case.md.hbs': '# Case\n\n{{#if funding}}\nno end\n' });
    const file = join(dir, 'business-case.md.hbs');
    expect(() => loadTemplates(dir)).toThrow(`Template ${file}, line 5: Parse error on line 5:`);
  });

  it('throws at load, naming the file and line, for mismatched blocks', () => {
    const dir = councilFolder({ 'case-summary.md.hbs': 'ok\n{{#each gaps}}\n{{/if}}\n' });
    expect(() => loadTemplates(dir)).toThrow(/case-summary\.md\.hbs, line 2: each doesn't match if/);
  });

  it('throws at load for a misspelt field or an unknown helper, naming the line', () => {
    const misspelt = councilFolder({ 'business-case.md.hbs': 'a\nb\n{{md meta.titel}}\n' });
    expect(() => loadTemplates(misspelt)).toThrow(
      /business-case\.md\.hbs, line 3: \{\{md\}\} was given a field that the data does not have/,
    );
    const helper = councilFolder({ 'business-case.md.hbs': '{{shout meta.title}}\n' });
    expect(() => loadTemplates(helper)).toThrow(/business-case\.md\.hbs, line 1: .*shout/);
    const gap = councilFolder({ 'business-case.md.hbs': '\n{{gap "fundng"}}\n' });
    expect(() => loadTemplates(gap)).toThrow(/line 2: .*names no known gap: fundng/);
  });

  it('refuses a folder that does not exist, saying what to check', () => {
    expect(() => loadTemplates('/nonexistent/templates')).toThrow(
      /Template folder \/nonexistent\/templates does not exist/,
    );
  });

  it('validates data against the template schema before rendering', () => {
    const data = { ...makeFullCase(), meta: undefined } as unknown as ReturnType<typeof makeFullCase>;
    expect(() => loadTemplates().businessCase(data)).toThrow();
  });

  it('ships templates that use a helper for every value (HTML escaping is off)', () => {
    for (const file of ['business-case.md.hbs', 'case-summary.md.hbs']) {
      const source = readFileSync(join(BUILT_IN_TEMPLATE_DIR, file), 'utf8');
      const bare = [...source.matchAll(/{{([^#/!>~][^}]*)}}/g)]
        .map((m) => m[1]!.trim())
        .filter((expr) => !/^(md|mdBlock|gap|count|yesNo|section) |^else$|^p$/.test(expr) && !expr.endsWith('.length'));
      expect(bare, file).toEqual([]);
    }
  });
});
