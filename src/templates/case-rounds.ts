import { CONSTITUENCY_LABELS } from '../domain/reference-data.js';
import type { ConstituencyTally, Round, RoundResult } from '../domain/voting.js';
import { DEFAULT_MIN_GROUP_SIZE, disclosedResult, groupResult, shownConstituencies } from '../workflows/tally.js';
import type { CaseRound, CaseTable } from './case-data-schema.js';
import { formatDate, formatScore } from './case-format.js';

type Priority = { id: string; label: string };

const DASH = '—';

/** Closed rounds on one idea, oldest first, summarised from their frozen results only. */
export function buildCaseRounds(ideaId: string, rounds: Round[], priorities: Priority[]): CaseRound[] {
  return rounds
    .filter((round) => round.ideaId === ideaId && round.status === 'closed' && round.result)
    .sort((a, b) => closedAt(a).localeCompare(closedAt(b)))
    .map((round) => summariseRound(round, priorities));
}

function closedAt(round: Round): string {
  return round.closedAt ?? round.result?.computedAt ?? round.closesAt;
}

function summariseRound(round: Round, priorities: Priority[]): CaseRound {
  // What may be shown, whatever the stored result holds: small groups withheld in anonymous rounds (SPEC 3.1).
  const result = disclosedResult(round, round.result!);
  const min = round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const overall = result.overallWithheld
    ? `not shown, because fewer than ${min} people voted in a group`
    : result.overallScore === null
      ? null
      : round.kind === 'support'
        ? `${Math.round(result.overallScore * 100)}% support (each group counts the same)`
        : `${formatScore(result.overallScore)} out of 5 (weighted; each group counts the same)`;
  return {
    id: round.id,
    kind: round.kind,
    kindLabel: round.kind === 'support' ? 'Support vote' : 'Scoring against the strategic priorities',
    anonymous: round.anonymous,
    openedOn: formatDate(round.openedAt),
    closedOn: formatDate(closedAt(round)),
    overall,
    quorumReached: result.quorumReached,
    // People, not ballots: everyone who took part once (a participant is counted in one group only).
    voters: result.participants.length,
    tally: tallyTable(round, result, priorities),
    conflicts: [...result.conflicts],
    reasons: [...result.reasons],
  };
}

/**
 * Constituencies side by side: one column for each group that may vote (SPEC 3.1: a group that may not
 * is not shown), one row per measure; a group nobody in voted says “no votes”, never 0.
 */
function tallyTable(round: Round, result: RoundResult, priorities: Priority[]): CaseTable {
  const present = shownConstituencies(round, result).filter((c) => result.byConstituency[c] !== undefined);
  const tallies = present.map((c) => result.byConstituency[c] as ConstituencyTally);
  const min = round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  // A withheld group's choices are not shown, not even as a dash that could be read as "none".
  const row = (label: string, cell: (t: ConstituencyTally) => string) => ({
    label,
    cells: tallies.map((t) => (t.withheld ? 'not shown' : t.voters === 0 ? 'no votes' : cell(t))),
  });
  const rows = [
    {
      label: 'Voters',
      cells: tallies.map((t) =>
        t.withheld ? `fewer than ${min} voted: not shown` : t.voters === 0 ? 'no votes' : String(t.voters),
      ),
    },
  ];
  if (round.kind === 'support') {
    rows.push(row('Support', (t) => String(t.support)));
    rows.push(row('Neutral', (t) => String(t.neutral)));
    rows.push(row('Oppose', (t) => String(t.oppose)));
    rows.push(row('Share supporting', (t) => `${Math.round((groupResult('support', t) ?? 0) * 100)}%`));
  } else {
    rows.push(row('Weighted score (1-5)', (t) => (t.weightedScore === null ? DASH : formatScore(t.weightedScore))));
    for (const id of priorityIds(round, tallies)) {
      const label = round.priorities.find((p) => p.id === id)?.label ?? priorities.find((p) => p.id === id)?.label;
      rows.push(row(label ?? id, (t) => (t.meanScores[id] === undefined ? DASH : formatScore(t.meanScores[id]))));
    }
  }
  const always = (label: string, cell: (t: ConstituencyTally) => string) => ({ label, cells: tallies.map(cell) });
  rows.push(always('Conflicts declared', (t) => String(t.conflicts)));
  rows.push(always('Votes needed', (t) => (t.quorum > 0 ? String(t.quorum) : 'none set')));
  rows.push(always('Enough voted', (t) => (t.quorum === 0 ? DASH : t.quorumReached ? 'Yes' : 'No')));
  return { columns: present.map((c) => CONSTITUENCY_LABELS[c]), rows };
}

/** The round's own priorities in order, then any other priority that has a mean score. */
function priorityIds(round: Round, tallies: ConstituencyTally[]): string[] {
  const ids = round.priorities.map((p) => p.id);
  for (const tally of tallies) for (const id of Object.keys(tally.meanScores)) if (!ids.includes(id)) ids.push(id);
  return ids;
}

const GROUP_WORDS: Record<string, [string, string]> = {
  experts: ['expert by experience', 'experts by experience'],
  providers: ['provider', 'providers'],
  others: ['other colleague', 'other colleagues'],
};

/**
 * The vote in one sentence (SPEC 4's headline), from the newest closed round on the idea (a scoring
 * round first: it is the shortlisting vote), under SPEC 3.1's rules: each group counts the same, and a
 * withheld group withholds the result. Null when the idea has had no closed vote.
 */
export function voteHeadline(ideaId: string, rounds: Round[]): string | null {
  const closed = rounds.filter((r) => r.ideaId === ideaId && r.status === 'closed' && r.result);
  const latest = (kind: Round['kind']) =>
    closed.filter((r) => r.kind === kind).sort((a, b) => closedAt(b).localeCompare(closedAt(a)))[0];
  const round = latest('score') ?? latest('support');
  if (!round?.result) return null;
  const result = disclosedResult(round, round.result);
  const groups = shownConstituencies(round, result)
    .map((c) => ({ c, t: result.byConstituency[c] as ConstituencyTally }))
    .filter(({ t }) => t && t.voters > 0);
  if (groups.length === 0) return 'Nobody voted in the closed vote.';
  const who = groups
    .map(({ c, t }) => `${t.voters} ${GROUP_WORDS[c]![t.voters === 1 ? 0 : 1]}`)
    .join(groups.length === 2 ? ' and ' : ', ');
  const min = round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  if (result.overallWithheld || result.overallScore === null)
    return `${who} voted (${formatDate(closedAt(round))}); the result is not shown because fewer than ${min} people voted in a group.`;
  const each = groups
    .map(({ c, t }) => {
      const own = groupResult(round.kind, t);
      if (own === null) return null;
      return `${GROUP_WORDS[c]![1]} ${round.kind === 'score' ? `${formatScore(own)} of 5` : `${Math.round(own * 100)}% support`}`;
    })
    .filter((x): x is string => x !== null);
  const overall =
    round.kind === 'score'
      ? `Scored ${formatScore(result.overallScore)} of 5 by ${who}`
      : `${Math.round(result.overallScore * 100)}% support from ${who}`;
  return `${overall} (${formatDate(closedAt(round))}; each group counts the same${each.length > 1 ? `: ${each.join(', ')}` : ''}).`;
}
