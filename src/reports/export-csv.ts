import { type Idea, lastPlace } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import type { Person } from '../domain/person.js';
import { CONSTITUENCIES, CONSTITUENCY_LABELS, FUNDING_SOURCES, STATUS_LABELS } from '../domain/reference-data.js';
import type { Round, RoundResult } from '../domain/voting.js';
import { DEFAULT_MIN_GROUP_SIZE, disclosedResult, groupResult, isEligible } from '../workflows/tally.js';

type Cell = string | number | boolean | null | undefined;

/**
 * Column headings, one row per idea, each column with one meaning; the "Latest vote" and group columns
 * describe the idea's latest closed round. People are named, never identified by a platform id.
 */
export const CSV_HEADER: readonly string[] = [
  'ID',
  'Title',
  'Stage',
  'Submitter',
  'Project manager',
  'Created',
  'Stage since',
  'Funding source',
  'Funding detail',
  'Amount (GBP)',
  'Budget holder',
  'Latest vote: round',
  'Latest vote: kind',
  'Latest vote: closed on',
  'Latest vote: anonymous',
  'Latest vote: share supporting (%)',
  'Latest vote: weighted score (1-5)',
  'Latest vote: quorum reached',
  ...CONSTITUENCIES.flatMap((c) =>
    ['voters', 'support', 'neutral', 'oppose', 'share supporting (%)', 'weighted score (1-5)', 'quorum reached'].map(
      (m) => `${CONSTITUENCY_LABELS[c]}: ${m}`,
    ),
  ),
  'Offline engagement sessions',
  'People reached offline',
];

/** What the export reads besides the ideas and rounds. */
export interface ExportSources {
  /** The store's people; only the names of people not removed are written. */
  people: readonly Pick<Person, 'id' | 'displayName' | 'removedAt'>[];
}

/** The pipeline as CSV: UTF-8 with a BOM (so Excel reads £ and accents), RFC 4180 quoting, CRLF line ends. */
export function exportCsv(ideas: Idea[], rounds: Round[], sources: ExportSources): Uint8Array {
  const latest = latestClosedRounds(rounds);
  const names = knownNames(sources.people);
  const lines = [CSV_HEADER.map(csvCell).join(',')];
  for (const idea of ideas) lines.push(ideaRow(idea, latest.get(idea.id), names).map(csvCell).join(','));
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** The values of one idea's row, in `CSV_HEADER` order. Aggregates only: never an individual vote. */
export function ideaRow(idea: Idea, round: Round | undefined, names: ReadonlyMap<string, string>): Cell[] {
  const f = idea.artefacts.funding;
  const engagements = idea.engagements ?? [];
  const pm = ideaPm(idea);
  // Only what may be shown: small groups and the overall figure withheld in anonymous rounds (SPEC 3.1).
  const result = round?.result ? disclosedResult(round, round.result) : undefined;
  return [
    idea.id,
    idea.title,
    stageInWords(idea),
    names.get(idea.submitterId),
    pm && names.get(pm),
    ukDate(idea.createdAt),
    ukDate(idea.statusSince),
    f ? (FUNDING_SOURCES.find((s) => s.id === f.source)?.label ?? f.source) : '',
    f?.sourceDetail,
    f?.amount,
    f?.budgetHolder,
    round?.id,
    round?.kind,
    ukDate(round?.closedAt ?? result?.computedAt),
    round ? (round.anonymous ? 'yes' : 'no') : '',
    ...overallCells(round, result),
    result ? (result.quorumReached ? 'yes' : 'no') : '',
    ...CONSTITUENCIES.flatMap((c) => {
      const t = result?.byConstituency[c];
      if (!t || !round) return ['', '', '', '', '', '', ''];
      // The same figures as in chat and the business case (SPEC 3.1): a group that may not vote is not
      // shown, one nobody in voted says so (never a 0 score), and a withheld group shows only that.
      if (!isEligible(round, c) && t.voters === 0) return ['not eligible', '', '', '', '', '', ''];
      if (t.withheld)
        return [
          `fewer than ${round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE} (not shown)`,
          '',
          '',
          '',
          '',
          '',
          t.quorumReached ? 'yes' : 'no',
        ];
      const quorum = t.quorum > 0 ? (t.quorumReached ? 'yes' : 'no') : '';
      if (t.voters === 0) return ['no votes', '', '', '', '', '', quorum];
      const support = round.kind === 'support';
      return [
        t.voters,
        support ? t.support : '',
        support ? t.neutral : '',
        support ? t.oppose : '',
        support ? share(groupResult('support', t)) : '',
        support ? '' : score(t.weightedScore),
        quorum,
      ];
    }),
    // Head counts summed over sessions, as the report counts them.
    engagements.length,
    engagements.reduce((n, e) => n + e.numberOfPeople, 0),
  ];
}

/** Where the idea is, in words: its stage, "Approved by the JCC", or e.g. "On hold at 3. Outline proposal". */
function stageInWords(idea: Idea): string {
  if (idea.status === 'on_hold' || idea.status === 'rejected' || idea.status === 'withdrawn')
    return `${STATUS_LABELS[idea.status]} at ${STATUS_LABELS[lastPlace(idea)]}`;
  return STATUS_LABELS[idea.status];
}

/** Display names by person id; someone without a known name (or removed) is absent, so their cell stays empty. */
function knownNames(people: ExportSources['people']): Map<string, string> {
  return new Map(
    people.flatMap((p) => {
      const name = p.displayName?.trim();
      return name && !p.removedAt ? [[p.id, name] as const] : [];
    }),
  );
}

const UK_DATE = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** `2026-06-30T23:30:00Z` → `01/07/2026`: the UK date, which a UK spreadsheet reads as a date (ISO text it does not). */
function ukDate(iso: string | undefined): Cell {
  return iso ? UK_DATE.format(new Date(iso)) : '';
}

function score(n: number | null | undefined): Cell {
  return n === null || n === undefined ? '' : Math.round(n * 100) / 100;
}

/** A share as a percentage a spreadsheet reads as a number: 0.7236 → 72.4. */
function share(n: number | null | undefined): Cell {
  return n === null || n === undefined ? '' : Math.round(n * 1000) / 10;
}

/**
 * The overall share supporting in percent (support rounds) and the overall weighted score (score rounds):
 * two columns, because `overallScore` holds one or the other by round kind. The other is left empty.
 */
function overallCells(round: Round | undefined, result: RoundResult | undefined): Cell[] {
  if (!round || !result) return ['', ''];
  const value = result.overallWithheld
    ? 'not shown (a group too small)'
    : round.kind === 'support'
      ? share(result.overallScore)
      : score(result.overallScore);
  return round.kind === 'support' ? [value, ''] : ['', value];
}

/** Each idea's most recently closed round that has a frozen result. */
function latestClosedRounds(rounds: Round[]): Map<string, Round> {
  const latest = new Map<string, Round>();
  const closedAt = (r: Round) => Date.parse(r.closedAt ?? r.result?.computedAt ?? r.closesAt);
  for (const round of rounds) {
    if (round.status !== 'closed' || !round.result) continue;
    const current = latest.get(round.ideaId);
    if (!current || closedAt(round) >= closedAt(current)) latest.set(round.ideaId, round);
  }
  return latest;
}

/** One RFC 4180 field; text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
