import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FAMILY, chartFontFiles } from '../../src/reports/chart-font.js';
import { buildReport } from '../../src/reports/pipeline-report.js';
import { CHART_COLOURS, renderFunnelChart } from '../../src/reports/render-funnel-chart.js';
import { decodePng } from './decode-png.js';
import { makeIdea } from './report-fixtures.js';

const NOW = new Date('2026-06-10T12:00:00Z');
const TOP = 64;
const ROW = 34;
const BAR_X = 232;

const report = buildReport(
  [
    makeIdea(1, 'longlist', 2, NOW),
    makeIdea(2, 'longlist', 10, NOW),
    makeIdea(3, 'shortlist', 30, NOW),
    makeIdea(4, 'on_hold', 7, NOW),
    makeIdea(5, 'approved', 1, NOW),
    makeIdea(6, 'rejected', 3, NOW),
  ],
  [],
  NOW,
);

/** WCAG 2.2 relative luminance of an sRGB colour `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.2 contrast ratio, 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Pixels of the grey text colours (anti-aliased too): bars and background are never a dark grey. */
function textPixels(
  { width, rgba }: ReturnType<typeof decodePng>,
  box: { x0: number; x1: number; y0: number; y1: number },
): number {
  let count = 0;
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++) {
      const [r, g, b] = rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 3);
      if (r! < 0x90 && Math.abs(r! - g!) < 8 && Math.abs(g! - b!) < 8) count++;
    }
  return count;
}

describe('the funnel chart, accessible and the same on every machine', () => {
  it('bars meet 3:1 against the background and text 4.5:1 (WCAG 2.2 1.4.11 and 1.4.3), and draws only these colours', () => {
    const { background, bars, ...text } = CHART_COLOURS;
    const ratios = bars.map((bar) => contrast(bar, background));
    console.log(`Bar contrast on ${background}: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
    for (const ratio of ratios) expect(ratio).toBeGreaterThanOrEqual(3);
    for (const colour of Object.values(text)) expect(contrast(colour, background)).toBeGreaterThanOrEqual(4.5);
    const palette = new Set<string>([background, ...bars, ...Object.values(text)]);
    const fills = [...renderFunnelChart(report, { png: false }).svg.matchAll(/fill="([^"]+)"/g)].map((m) => m[1]!);
    expect(fills.length).toBeGreaterThan(10);
    for (const fill of fills) expect(palette).toContain(fill);
  });

  it('is an image with a title and a description that says the counts', () => {
    const { svg } = renderFunnelChart(report, { png: false });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-title chart-desc"/);
    expect(svg).toContain('<title id="chart-title">Ideas per stage, 10 June 2026</title>');
    const desc = /<desc id="chart-desc">([^<]*)<\/desc>/.exec(svg)?.[1];
    expect(desc).toBe(
      '6 ideas in total. 1. Longlist: 2 ideas. 2. Review of similar work: none. 3. Outline proposal: none. ' +
        '4. Shortlist: 1 idea. 5. Funding: none. 6. Provider scoping: none. 7. Specialist engagement: none. ' +
        '8. Final proposal: none. Approved by the JCC: 1 idea. On hold: 1 idea. Rejected: 1 idea. Withdrawn: none.',
    );
    expect(svg).toContain(`font-family="&apos;${CHART_FONT_FAMILY}&apos;, sans-serif"`);
  });

  it('bundles its font as TTF files, which resvg reads', () => {
    const files = chartFontFiles();
    expect(files.map((f) => f.split('/').at(-1))).toEqual([
      'AtkinsonHyperlegible_400Regular.ttf',
      'AtkinsonHyperlegible_700Bold.ttf',
    ]);
    // TrueType outlines start with the version 0x00010000.
    for (const file of files) expect(readFileSync(file).readUInt32BE(0)).toBe(0x00010000);
  });

  it('draws every label with the bundled font, and nothing from the system fonts', () => {
    const chart = renderFunnelChart(report);
    const { width, height } = chart;
    const image = decodePng(chart.png!);
    for (let i = 0; i < 9; i++) {
      const row = { y0: TOP + i * ROW, y1: TOP + (i + 1) * ROW };
      expect(textPixels(image, { ...row, x0: 0, x1: BAR_X }), `label of row ${i + 1}`).toBeGreaterThan(40);
      expect(textPixels(image, { ...row, x0: BAR_X, x1: width }), `count of row ${i + 1}`).toBeGreaterThan(10);
    }
    // With no font files the chart has no text at all, although this machine may have system fonts: resvg
    // is never told to load them, so what is drawn is the same everywhere.
    const bare = renderFunnelChart(report, { fontFiles: [] });
    expect(textPixels(decodePng(bare.png!), { x0: 0, x1: width, y0: 0, y1: height })).toBe(0);
    expect(renderFunnelChart(report).png).toEqual(chart.png);
  });
});
