import { CHART_FONT_FAMILY, chartFontFiles } from './chart-font.js';
import { measureProgressLine, type PilotProgress, withUnit } from './pilot-progress.js';
import { CHART_COLOURS, escapeXml, type FunnelChart, toPng } from './render-funnel-chart.js';

const WIDTH = 720;
const TOP = 64;
const ROW = 46;
const LABEL_X = 16;
const BAR_X = 16;
const BAR_W = 520;
const BAR_H = 12;
const MAX_ROWS = 12;
/** Dark enough on white for WCAG 1.4.11 (3:1): the track, progress not yet on target, and on target. */
const TRACK = '#d9d9d9';
const SHORT = '#b35c00';
const REACHED = '#2e7d32';

/**
 * A small chart of the pilots in delivery: one bar per measure from its baseline (the left end) to its
 * target (the marked line), filled as far as the latest figure has come; green once on target. The same
 * figures are in the report's text. Null when no pilot has a measure yet.
 */
export function renderPilotChart(
  pilots: readonly PilotProgress[],
  options: { png?: boolean; fontFiles?: string[] } = {},
): FunnelChart | null {
  const rows = pilots.flatMap((p) => p.measures.map((m) => ({ pilot: p, m }))).slice(0, MAX_ROWS);
  if (rows.length === 0) return null;
  const height = TOP + rows.length * ROW + 24;
  const c = CHART_COLOURS;
  const text = (x: number, y: number, content: string, attrs = '') =>
    `<text x="${x}" y="${y}"${attrs}>${escapeXml(content)}</text>`;
  const targetX = BAR_X + Math.round(BAR_W / 1.5);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="pilots-title pilots-desc" font-family="${escapeXml(`'${CHART_FONT_FAMILY}', sans-serif`)}" font-size="13">`,
    `<title id="pilots-title">Pilots in delivery: each measure against its target</title>`,
    `<desc id="pilots-desc">${escapeXml(rows.map(({ pilot, m }) => `${pilot.id} ${measureProgressLine(m)}.`).join(' '))}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="${c.background}"/>`,
    text(
      LABEL_X,
      30,
      'Pilots: each measure against its target',
      ` font-size="18" font-weight="bold" fill="${c.title}"`,
    ),
    text(LABEL_X, 50, 'Bars start at the baseline; the line is the target.', ` fill="${c.secondaryText}"`),
  ];
  rows.forEach(({ pilot, m }, i) => {
    const y = TOP + i * ROW;
    const filled = m.progress === null ? 0 : Math.round((m.progress / 1.5) * BAR_W);
    const colour = m.onTarget ? REACHED : SHORT;
    const figure = m.latest === null ? 'no figure yet' : withUnit(m.latest, m.unit);
    // Said in words as well as by the bar's colour (WCAG 1.4.1).
    const where = m.onTarget === null ? '' : m.onTarget ? ': on target' : ': not yet on target';
    parts.push(
      text(LABEL_X, y + 12, `${pilot.id} ${m.id} ${m.name.slice(0, 60)}${where}`, ` fill="${c.text}"`),
      `<rect x="${BAR_X}" y="${y + 20}" width="${BAR_W}" height="${BAR_H}" rx="2" fill="${TRACK}"/>`,
      `<rect x="${BAR_X}" y="${y + 20}" width="${filled}" height="${BAR_H}" rx="2" fill="${colour}"/>`,
      `<line x1="${targetX}" y1="${y + 16}" x2="${targetX}" y2="${y + 36}" stroke="${c.text}" stroke-width="2"/>`,
      text(
        BAR_X + BAR_W + 12,
        y + 31,
        `${figure} (target ${m.target.toLocaleString('en-GB')})`.slice(0, 30),
        ` font-weight="bold" fill="${c.text}"`,
      ),
    );
  });
  parts.push('</svg>');
  const svg = parts.join('\n');
  const chart: FunnelChart = { svg, width: WIDTH, height };
  if (options.png !== false) {
    const png = toPng(svg, 1, options.fontFiles ?? chartFontFiles());
    if (png) chart.png = png;
  }
  return chart;
}
