import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCaseDocx } from '../../src/templates/render-case.js';
import { makeFullCase } from './case-fixtures.js';

// The paper as a reader gets it: converted to PDF by LibreOffice (Debian's libreoffice-writer-nogui),
// once per suite run. Where LibreOffice is not installed this is skipped, and says so loudly.
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const installed = soffice.status === 0;
if (!installed)
  console.warn(
    'SKIPPED: the business case was not converted to PDF, because LibreOffice is not installed (apt-get install -y libreoffice-writer-nogui poppler-utils).',
  );

const dir = mkdtempSync(join(tmpdir(), 'pilot-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!installed)('the business case as a PDF (LibreOffice)', () => {
  it('converts to pages that carry the paper’s text, in order', async () => {
    const docx = join(dir, 'case.docx');
    writeFileSync(docx, await renderCaseDocx(makeFullCase()));
    const converted = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: dir },
    });
    expect(converted.status, converted.stderr).toBe(0);
    const pdf = join(dir, 'case.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0);
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    const order = [
      'Business case: Reabling Homecare',
      'Before this paper goes to the committee',
      'Report summary',
      '1. Executive summary',
      '14. Risk management',
      '17. Background papers',
      'Appendix: where this paper’s information came from',
    ].map((heading) => text.indexOf(heading));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain(`Page 1 of ${pages}`);
  }, 90_000);
});
