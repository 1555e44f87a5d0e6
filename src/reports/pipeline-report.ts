import type { Idea } from '../domain/idea.js';
import { OUTCOME_GROUP_LABELS, OUTCOMES, STATUS_LABELS, STATUSES, type Status } from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';

export { renderFunnelChart } from './render-funnel-chart.js';
export { renderReportText } from './render-report-text.js';

const DAY_MS = 86_400_000;

/** One status (a stage, on hold or an end state): how many ideas have it and their median days in it. */
export interface StatusCount {
  status: Status;
  label: string;
  count: number;
  /** Median whole-and-tenths days since `statusSince`, or null when no idea has this status. */
  medianDays: number | null;
}

/** How many live ideas target one outcome. */
export interface OutcomeCount {
  id: string;
  label: string;
  count: number;
}

/** The pipeline at a moment: counts per status, time in stage, outcomes covered, open rounds. */
export interface ReportData {
  generatedAt: string;
  total: number;
  /** Every status in process order: the eight stages, then on hold, approved, rejected, withdrawn. */
  statuses: StatusCount[];
  /** Ideas counted for outcomes: all but rejected and withdrawn ones. */
  liveIdeas: number;
  outcomes: { group: string; label: string; outcomes: OutcomeCount[] }[];
  openRounds: { id: string; ideaId: string; ideaTitle: string | null; kind: Round['kind']; closesAt: string }[];
  /**
   * Offline engagement logged on every idea, withdrawn and rejected ones included (the sessions took place
   * whatever became of the idea): sessions, the ideas they were on, and the people taking part summed over
   * sessions (a head count per session: someone at two sessions counts twice).
   */
  offlineEngagement: { sessions: number; ideas: number; people: number };
}

/** Builds the report in one pass over the ideas; O(n log n) at worst (the medians). */
export function buildReport(ideas: Idea[], rounds: Round[], now: Date): ReportData {
  const nowMs = now.getTime();
  const days = new Map<Status, number[]>(STATUSES.map((s) => [s, []]));
  const outcomeCounts = new Map<string, number>();
  const titles = new Map<string, string>();
  let live = 0;
  const offline = { sessions: 0, ideas: 0, people: 0 };
  for (const idea of ideas) {
    titles.set(idea.id, idea.title);
    const engagements = idea.engagements ?? [];
    if (engagements.length > 0) offline.ideas++;
    offline.sessions += engagements.length;
    for (const e of engagements) offline.people += e.numberOfPeople;
    days.get(idea.status)?.push(Math.max(0, (nowMs - Date.parse(idea.statusSince)) / DAY_MS));
    if (idea.status === 'rejected' || idea.status === 'withdrawn') continue;
    live++;
    for (const outcome of idea.outcomes) outcomeCounts.set(outcome, (outcomeCounts.get(outcome) ?? 0) + 1);
  }
  return {
    generatedAt: now.toISOString(),
    total: ideas.length,
    statuses: STATUSES.map((status) => {
      const list = days.get(status) ?? [];
      return { status, label: STATUS_LABELS[status], count: list.length, medianDays: median(list) };
    }),
    liveIdeas: live,
    outcomes: Object.entries(OUTCOME_GROUP_LABELS).map(([group, label]) => ({
      group,
      label,
      outcomes: OUTCOMES.filter((o) => o.group === group).map((o) => ({
        id: o.id,
        label: o.label,
        count: outcomeCounts.get(o.id) ?? 0,
      })),
    })),
    openRounds: rounds
      .filter((r) => r.status === 'open')
      .sort((a, b) => Date.parse(a.closesAt) - Date.parse(b.closesAt))
      .map((r) => ({
        id: r.id,
        ideaId: r.ideaId,
        ideaTitle: titles.get(r.ideaId) ?? null,
        kind: r.kind,
        closesAt: r.closesAt,
      })),
    offlineEngagement: offline,
  };
}

/** The median, to one decimal place; null for no values. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}
