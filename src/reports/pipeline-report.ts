import { type PilotProgress, pilotProgress } from './pilot-progress.js';
import type { Idea } from '../domain/idea.js';
import { OUTCOME_GROUP_LABELS, OUTCOMES, STATUS_LABELS, STATUSES, type Status } from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';
import { DEFAULT_STAGE_DAYS, overdueSince } from '../domain/stage-targets.js';

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
  /** The configured days an idea may spend in this status, or null when it has no target. */
  targetDays: number | null;
  /** Median days of the stays in this status that have ended (from the ideas' audit trails), or null when none has. */
  medianStayDays: number | null;
  /** How many stays in this status have ended (what `medianStayDays` is the median of). */
  stays: number;
  /** Ideas in this status now that are past their target date. */
  overdue: number;
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
  /** Pilots in delivery (SPEC 2.2), each measure against its target. */
  pilots: PilotProgress[];
}

/** Builds the report in one pass over the ideas; O(n log n) at worst (the medians). */
export function buildReport(
  ideas: Idea[],
  rounds: Round[],
  now: Date,
  stageDays: Readonly<Record<string, number>> = DEFAULT_STAGE_DAYS,
): ReportData {
  const nowMs = now.getTime();
  const days = new Map<Status, number[]>(STATUSES.map((s) => [s, []]));
  const stays = new Map<string, number[]>(STATUSES.map((s) => [s, []]));
  const overdue = new Map<string, number>();
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
    addStays(idea, stays);
    if (overdueSince(idea, stageDays, now)) overdue.set(idea.status, (overdue.get(idea.status) ?? 0) + 1);
    if (idea.status === 'rejected' || idea.status === 'withdrawn') continue;
    live++;
    for (const outcome of idea.outcomes) outcomeCounts.set(outcome, (outcomeCounts.get(outcome) ?? 0) + 1);
  }
  return {
    generatedAt: now.toISOString(),
    total: ideas.length,
    statuses: STATUSES.map((status) => {
      const list = days.get(status) ?? [];
      const ended = stays.get(status) ?? [];
      return {
        status,
        label: STATUS_LABELS[status],
        count: list.length,
        medianDays: median(list),
        targetDays: stageDays[status] ?? null,
        medianStayDays: median(ended),
        stays: ended.length,
        overdue: overdue.get(status) ?? 0,
      };
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
    pilots: pilotProgress(ideas),
  };
}

/** Adds the idea's ended stays (days from entering a status to leaving it) from its audit trail. */
function addStays(idea: Idea, stays: Map<string, number[]>): void {
  let status: string = 'longlist';
  let since = Date.parse(idea.createdAt);
  for (const event of idea.history) {
    if (!event.to || event.to === event.from) continue;
    const at = Date.parse(event.at);
    if (event.from === status) stays.get(status)?.push(Math.max(0, (at - since) / DAY_MS));
    status = event.to;
    since = at;
  }
}

/** The median, to one decimal place; null for no values. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}
