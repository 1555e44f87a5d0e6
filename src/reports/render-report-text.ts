import { measureProgressLine } from './pilot-progress.js';
import { APPROVED_STATUSES, STAGES } from '../domain/reference-data.js';
import type { ReportData, StatusCount } from './pipeline-report.js';

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/London' });
/** Open rounds listed by name; the rest are counted. */
const MAX_ROUNDS_LISTED = 8;

const ideasCount = (n: number) => (n === 1 ? '1 idea' : `${n.toLocaleString('en-GB')} ideas`);

function timeInStage(s: StatusCount): string {
  if (s.medianDays === null) return '';
  if (s.medianDays < 1) return ' (median under a day in the stage)';
  const days = Math.round(s.medianDays);
  return ` (median ${days} ${days === 1 ? 'day' : 'days'} in the stage)`;
}

/** How long ended stays took against the stage's target, and how many ideas in it are overdue. */
function againstTarget(s: StatusCount): string {
  const parts: string[] = [];
  if (s.overdue > 0) parts.push(`${s.overdue} overdue`);
  if (s.medianStayDays !== null) {
    const days = Math.round(s.medianStayDays);
    parts.push(
      `ideas that moved on took a median ${days} ${days === 1 ? 'day' : 'days'}` +
        (s.targetDays !== null ? ` against a target of ${s.targetDays}` : ''),
    );
  } else if (s.targetDays !== null) parts.push(`target ${s.targetDays} days`);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

/** Offline engagement in one sentence, saying what is counted. */
function offlineLine({ sessions, ideas, people }: ReportData['offlineEngagement']): string {
  if (sessions === 0) return 'No offline engagement logged yet.';
  const n = (count: number, one: string, many: string) =>
    `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
  return (
    `Offline engagement logged: ${n(sessions, 'session', 'sessions')} on ${ideasCount(ideas)}, ` +
    `${n(people, 'person', 'people')} taking part in all (someone at two sessions counts twice; ` +
    'withdrawn and rejected ideas included).'
  );
}

/** How many pilots the text lists in full (the board and the CSV have them all). */
const MAX_PILOTS_LISTED = 10;

/** Every status of an approved idea: its pilot's phases and how it ended. */
const PILOTS = APPROVED_STATUSES;
const PILOT_WORDS: Record<(typeof PILOTS)[number], string> = {
  approved: 'not started yet',
  mobilising: 'getting ready',
  live: 'running',
  evaluated: 'evaluated',
  extended: 'extended',
  mainstreamed: 'mainstreamed',
  stopped: 'stopped',
};

/** Where the approved ideas' pilots are, naming only the states some are in (nothing before any approval). */
function pilotLine(count: (status: string) => number): string[] {
  const parts = PILOTS.filter((s) => count(s) > 0).map((s) => `${count(s)} ${PILOT_WORDS[s]}`);
  return parts.length > 0 ? [`Their pilots: ${parts.join(', ')}.`] : [];
}

/** The report as short plain text for people: counts per stage, time in stage, outcomes covered, open rounds. */
export function renderReportText(report: ReportData): string {
  const by = new Map(report.statuses.map((s) => [s.status, s]));
  const count = (status: string) => by.get(status as StatusCount['status'])?.count ?? 0;
  const inStages = STAGES.reduce((n, stage) => n + count(stage), 0);
  const lines = [
    `Pipeline report, ${DATE.format(new Date(report.generatedAt))}`,
    `${ideasCount(report.total)} in total: ${inStages} in the eight stages, ${count('on_hold')} on hold, ` +
      `${PILOTS.reduce((n, s) => n + count(s), 0)} approved by the JCC, ${count('rejected')} rejected, ${count('withdrawn')} withdrawn.`,
    ...pilotLine(count),
    '',
    'Ideas per stage',
  ];
  for (const stage of STAGES) {
    const s = by.get(stage)!;
    lines.push(`${s.label}: ${s.count === 0 ? 'none' : ideasCount(s.count)}${timeInStage(s)}${againstTarget(s)}`);
  }
  const hold = by.get('on_hold')!;
  if (hold.count > 0)
    lines.push(`On hold: ${ideasCount(hold.count)}${timeInStage(hold).replace('in the stage', 'on hold')}`);

  if (report.pilots.length > 0) {
    lines.push('', 'Pilots in delivery');
    for (const p of report.pilots.slice(0, MAX_PILOTS_LISTED)) {
      lines.push(`${p.id} “${p.title}”: ${p.label}`);
      if (p.measures.length === 0) lines.push('- no measures yet');
      for (const m of p.measures) lines.push(`- ${measureProgressLine(m)}`);
    }
    if (report.pilots.length > MAX_PILOTS_LISTED)
      lines.push(`- and ${report.pilots.length - MAX_PILOTS_LISTED} more pilots`);
  }
  lines.push('', `Outcomes covered (by the ${ideasCount(report.liveIdeas)} not rejected or withdrawn)`);
  const uncovered: string[] = [];
  for (const group of report.outcomes) {
    const covered = group.outcomes.filter((o) => o.count > 0).sort((a, b) => b.count - a.count);
    uncovered.push(...group.outcomes.filter((o) => o.count === 0).map((o) => o.label));
    lines.push(
      `${group.label}: ${covered.length === 0 ? 'none' : covered.map((o) => `${o.label} (${o.count})`).join('; ')}`,
    );
  }
  if (uncovered.length > 0) lines.push(`Not yet covered: ${uncovered.join('; ')}`);
  lines.push('', offlineLine(report.offlineEngagement));

  const open = report.openRounds;
  lines.push('', open.length === 0 ? 'No voting rounds open.' : `Voting rounds open: ${open.length}`);
  for (const r of open.slice(0, MAX_ROUNDS_LISTED)) {
    const what = r.kind === 'score' ? 'scoring' : 'support vote';
    lines.push(
      `- ${r.ideaId}${r.ideaTitle ? ` ${r.ideaTitle}` : ''}: ${what}, closes ${SHORT_DATE.format(new Date(r.closesAt))}`,
    );
  }
  if (open.length > MAX_ROUNDS_LISTED) lines.push(`- and ${open.length - MAX_ROUNDS_LISTED} more`);
  return lines.join('\n');
}
