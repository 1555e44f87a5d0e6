import { createRequire } from 'node:module';
import { STAGES } from '../domain/reference-data.js';
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
const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
// Light to dark as ideas move through the stages; approved in green.
const COLOURS = ['#c6dbef', '#b0cde6', '#9ac0de', '#7fb0d4', '#64a0cb', '#4a8fc1', '#3a7db3', '#2c6aa0', '#2e8b57'];

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

/** A horizontal bar chart of ideas per stage (and approved), drawn as SVG on the server; PNG via resvg. */
export function renderFunnelChart(report: ReportData, options: { png?: boolean; scale?: number } = {}): FunnelChart {
  const by = new Map(report.statuses.map((s) => [s.status, s]));
  const rows = [...STAGES, 'approved' as const].map((status) => by.get(status)!);
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = TOP + rows.length * ROW + BOTTOM;
  const text = (x: number, y: number, content: string, attrs = '') =>
    `<text x="${x}" y="${y}"${attrs}>${escapeXml(content)}</text>`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${escapeXml(FONT)}" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(LABEL_X, 30, 'Ideas per stage', ' font-size="18" font-weight="bold" fill="#1f3864"'),
    text(
      LABEL_X,
      50,
      `${DATE.format(new Date(report.generatedAt))} · ${report.total.toLocaleString('en-GB')} ideas in total`,
      ' fill="#555555"',
    ),
  ];
  rows.forEach((row, i) => {
    const y = TOP + i * ROW;
    const w = row.count === 0 ? 0 : Math.max(2, Math.round((row.count / max) * BAR_MAX));
    parts.push(
      text(LABEL_X, y + 16, row.label.replace(' by the JCC', ''), ' fill="#222222"'),
      `<rect x="${BAR_X}" y="${y + 1}" width="${w}" height="${BAR}" rx="3" fill="${COLOURS[i]}"/>`,
      text(BAR_X + w + 8, y + 16, row.count.toLocaleString('en-GB'), ' font-weight="bold" fill="#222222"'),
    );
  });
  const others = (['on_hold', 'rejected', 'withdrawn'] as const).map((s) => `${by.get(s)!.label}: ${by.get(s)!.count}`);
  parts.push(text(LABEL_X, height - 20, others.join('   ·   '), ' fill="#555555"'), '</svg>');
  const svg = parts.join('\n');
  const chart: FunnelChart = { svg, width: WIDTH, height };
  if (options.png !== false) {
    const png = toPng(svg, options.scale ?? 1);
    if (png) chart.png = png;
  }
  return chart;
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | null | undefined;

/** Rasterises with resvg (prebuilt native binary); undefined if it cannot be loaded on this platform. */
function toPng(svg: string, scale: number): Uint8Array | undefined {
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
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render();
  return new Uint8Array(image.asPng());
}
