import type { Idea } from '../domain/idea.js';
import {
  CONSTITUENCIES,
  CONSTITUENCY_LABELS,
  FUNDING_SOURCES,
  STAGES,
  STATUS_LABELS,
  type Stage,
} from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';
import { DEFAULT_MIN_GROUP_SIZE, disclosedResult } from '../workflows/tally.js';

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
  'Quorum reached',
  ...CONSTITUENCIES.flatMap((c) =>
    ['voters', 'support', 'neutral', 'oppose', 'weighted score', 'quorum reached'].map(
      (m) => `${CONSTITUENCY_LABELS[c]}: ${m}`,
    ),
  ),
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
  const stage: Stage = (STAGES as readonly string[]).includes(idea.status) ? (idea.status as Stage) : idea.lastStage;
  // Only what may be shown: small groups and the overall figure withheld in anonymous rounds (SPEC 3.1).
  const result = round?.result ? disclosedResult(round, round.result) : undefined;
  const score = (n: number | null | undefined) => (n === null || n === undefined ? '' : Math.round(n * 100) / 100);
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
    result?.overallWithheld ? 'not shown (a group too small)' : score(result?.overallScore),
    result ? (result.quorumReached ? 'yes' : 'no') : '',
    ...CONSTITUENCIES.flatMap((c) => {
      const t = result?.byConstituency[c];
      if (!t) return ['', '', '', '', '', ''];
      if (t.withheld)
        return [
          `fewer than ${round?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE} (not shown)`,
          '',
          '',
          '',
          '',
          t.quorumReached ? 'yes' : 'no',
        ];
      const support = round?.kind === 'support';
      return [
        t.voters,
        support ? t.support : '',
        support ? t.neutral : '',
        support ? t.oppose : '',
        score(t.weightedScore),
        t.quorumReached ? 'yes' : 'no',
      ];
    }),
  ];
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
