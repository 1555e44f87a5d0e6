import type { Idea } from '../domain/idea.js';
import {
  CONSTITUENCIES,
  CONSTITUENCY_LABELS,
  FUNDING_SOURCES,
  STAGES,
  STATUS_LABELS,
  type Stage,
} from '../domain/reference-data.js';
import type { Round, RoundResult } from '../domain/voting.js';
import { DEFAULT_MIN_GROUP_SIZE, disclosedResult, groupResult, isEligible } from '../workflows/tally.js';

type Cell = string | number | boolean | null | undefined;

/** Column headings, one row per idea; the round columns describe the idea's latest closed round. */
export const CSV_HEADER: readonly string[] = [
  'ID',
  'Title',
  'Status',
  'Stage',
  'Submitter',
  'Created',
  'Status since',
  'Funding source',
  'Funding detail',
  'Amount (GBP)',
  'Budget holder',
  'Latest closed round',
  'Round kind',
  'Round closed',
  'Anonymous round',
  'Overall score',
  'Overall support share',
  'Quorum reached',
  ...CONSTITUENCIES.flatMap((c) =>
    ['voters', 'support', 'neutral', 'oppose', 'support share', 'weighted score', 'quorum reached'].map(
      (m) => `${CONSTITUENCY_LABELS[c]}: ${m}`,
    ),
  ),
  'Offline engagement sessions',
  'People reached offline',
];

/** The pipeline as CSV: UTF-8 with a BOM (so Excel reads £ and accents), RFC 4180 quoting, CRLF line ends. */
export function exportCsv(ideas: Idea[], rounds: Round[]): Uint8Array {
  const latest = latestClosedRounds(rounds);
  const lines = [CSV_HEADER.map(csvCell).join(',')];
  for (const idea of ideas) lines.push(ideaRow(idea, latest.get(idea.id)).map(csvCell).join(','));
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** The values of one idea's row, in `CSV_HEADER` order. Aggregates only: never an individual vote. */
export function ideaRow(idea: Idea, round: Round | undefined): Cell[] {
  const f = idea.artefacts.funding;
  const engagements = idea.engagements ?? [];
  const stage: Stage = (STAGES as readonly string[]).includes(idea.status) ? (idea.status as Stage) : idea.lastStage;
  // Only what may be shown: small groups and the overall figure withheld in anonymous rounds (SPEC 3.1).
  const result = round?.result ? disclosedResult(round, round.result) : undefined;
  return [
    idea.id,
    idea.title,
    idea.status,
    STATUS_LABELS[stage],
    idea.submitterId,
    idea.createdAt,
    idea.statusSince,
    f ? (FUNDING_SOURCES.find((s) => s.id === f.source)?.label ?? f.source) : '',
    f?.sourceDetail,
    f?.amount,
    f?.budgetHolder,
    round?.id,
    round?.kind,
    round?.closedAt ?? result?.computedAt,
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

function score(n: number | null | undefined): Cell {
  return n === null || n === undefined ? '' : Math.round(n * 100) / 100;
}

/** A share as a percentage a spreadsheet reads as a number: 0.7236 → 72.4. */
function share(n: number | null | undefined): Cell {
  return n === null || n === undefined ? '' : Math.round(n * 1000) / 10;
}

/** The overall score (score rounds) and overall support share in percent (support rounds). */
function overallCells(round: Round | undefined, result: RoundResult | undefined): Cell[] {
  if (!round || !result) return ['', ''];
  if (result.overallWithheld)
    return round.kind === 'score' ? ['not shown (a group too small)', ''] : ['', 'not shown (a group too small)'];
  return round.kind === 'score' ? [score(result.overallScore), ''] : ['', share(result.overallScore)];
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
