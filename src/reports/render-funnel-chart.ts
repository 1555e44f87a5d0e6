import { createRequire } from 'node:module';
import { APPROVED_STATUSES, STAGES } from '../domain/reference-data.js';
import { CHART_FONT_FAMILY, chartFontFiles } from './chart-font.js';
import type { ReportData } from './pipeline-report.js';

/** The chart as SVG, optionally as PNG (for chat clients that do not show SVG), with its size in pixels. */
export interface FunnelChart {
  svg: string;
  /** PNG at `scale` (default 1) times the SVG size; absent when PNG was not asked for or the rasteriser is unavailable. */
  png?: Uint8Array;
  width: number;
  height: number;
}

const WIDTH = 720;
const TOP = 64;
const ROW = 34;
const BAR = 22;
const LABEL_X = 16;
const BAR_X = 232;
const BAR_MAX = WIDTH - BAR_X - 72;
const BOTTOM = 48;

/**
 * The chart's colours. WCAG 2.2 asks 3:1 against the background for the bars (1.4.11, non-text contrast) and
 * 4.5:1 for the text (1.4.3); the test computes both. Bars go light to dark as ideas move through the stages
 * (the lightest still 3.4:1 on white); approved is green.
 */
export const CHART_COLOURS = {
  background: '#ffffff',
  title: '#1f3864',
  text: '#222222',
  secondaryText: '#555555',
  bars: ['#5a8fc0', '#5083b3', '#4778a5', '#3d6c98', '#33608b', '#29547e', '#204970', '#163d63', '#2e8b57'],
} as const;

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** How to draw the chart; `fontFiles` replaces the bundled font (tests pass none to see what it draws). */
export interface FunnelChartOptions {
  png?: boolean;
  scale?: number;
  fontFiles?: string[];
}

/**
 * A horizontal bar chart of ideas per stage (and approved), drawn as SVG on the server; PNG via resvg with
 * the bundled font only, so the labels are drawn the same with or without system fonts.
 */
export function renderFunnelChart(report: ReportData, options: FunnelChartOptions = {}): FunnelChart {
  const by = new Map(report.statuses.map((s) => [s.status, s]));
  // The last bar counts every idea the JCC approved, wherever its pilot is now.
  const approved = APPROVED_STATUSES.reduce((n, s) => n + (by.get(s)?.count ?? 0), 0);
  const rows = [...STAGES.map((status) => by.get(status)!), { ...by.get('approved')!, count: approved }];
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = TOP + rows.length * ROW + BOTTOM;
  const text = (x: number, y: number, content: string, attrs = '') =>
    `<text x="${x}" y="${y}"${attrs}>${escapeXml(content)}</text>`;
  const c = CHART_COLOURS;
  const date = DATE.format(new Date(report.generatedAt));
  const others = (['on_hold', 'rejected', 'withdrawn'] as const).map((s) => by.get(s)!);
  // Screen readers announce an SVG with role="img" by its title and description (WAI-ARIA graphics roles).
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="${escapeXml(`'${CHART_FONT_FAMILY}', sans-serif`)}" font-size="13">`,
    `<title id="chart-title">Ideas per stage, ${escapeXml(date)}</title>`,
    `<desc id="chart-desc">${escapeXml(describe(report.total, [...rows, ...others]))}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="${c.background}"/>`,
    text(LABEL_X, 30, 'Ideas per stage', ` font-size="18" font-weight="bold" fill="${c.title}"`),
    text(LABEL_X, 50, `${date} · ${report.total.toLocaleString('en-GB')} ideas in total`, ` fill="${c.secondaryText}"`),
  ];
  rows.forEach((row, i) => {
    const y = TOP + i * ROW;
    const w = row.count === 0 ? 0 : Math.max(2, Math.round((row.count / max) * BAR_MAX));
    parts.push(
      text(LABEL_X, y + 16, row.label.replace(' by the JCC', ''), ` fill="${c.text}"`),
      `<rect x="${BAR_X}" y="${y + 1}" width="${w}" height="${BAR}" rx="3" fill="${c.bars[i]}"/>`,
      text(BAR_X + w + 8, y + 16, row.count.toLocaleString('en-GB'), ` font-weight="bold" fill="${c.text}"`),
    );
  });
  const footer = others.map((s) => `${s.label}: ${s.count}`).join('   ·   ');
  parts.push(text(LABEL_X, height - 20, footer, ` fill="${c.secondaryText}"`), '</svg>');
  const svg = parts.join('\n');
  const chart: FunnelChart = { svg, width: WIDTH, height };
  if (options.png !== false) {
    const png = toPng(svg, options.scale ?? 1, options.fontFiles ?? chartFontFiles());
    if (png) chart.png = png;
  }
  return chart;
}

/** The counts as sentences, for the SVG's description: "1. Longlist: 3 ideas. 2. Review of similar work: none." */
function describe(total: number, statuses: { label: string; count: number }[]): string {
  const ideas = (n: number) => (n === 0 ? 'none' : `${n.toLocaleString('en-GB')} idea${n === 1 ? '' : 's'}`);
  return [`${ideas(total)} in total.`, ...statuses.map((s) => `${s.label}: ${ideas(s.count)}.`)].join(' ');
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | null | undefined;

/** Rasterises with resvg (prebuilt native binary); undefined if it cannot be loaded on this platform. */
export function toPng(svg: string, scale: number, fontFiles: string[]): Uint8Array | undefined {
  if (resvg === undefined) {
    try {
      resvg = createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
    } catch {
      resvg = null;
    }
  }
  if (!resvg) return undefined;
  const image = new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    // Only the given font files: what is drawn never depends on the fonts a machine happens to have.
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
  }).render();
  return new Uint8Array(image.asPng());
}
