import { CONSTITUENCIES, type Constituency, type Role } from '../domain/reference-data.js';
import type {
  ConflictDeclaration,
  ConstituencyTally,
  Participation,
  Round,
  RoundResult,
  Vote,
} from '../domain/voting.js';

/** The minimum group size of rounds stored before it was a setting (SPEC 3.1's default). */
export const DEFAULT_MIN_GROUP_SIZE = 3;

/** The constituency a person votes in: experts by experience, providers, or others. */
export function constituencyOf(roles: readonly Role[]): Constituency {
  if (roles.includes('expert')) return 'experts';
  if (roles.includes('provider')) return 'providers';
  return 'others';
}

/**
 * Tallies a round's current votes per constituency, with quorum, weighted scores and declared conflicts.
 * In an anonymous round a group with fewer voters than the round's minimum group size keeps only its
 * count of voters (its choices, its reasons and the overall figure are not in the result at all), and
 * reasons and conflicts are sorted, so nothing in the result follows voting order (SPEC 3.1).
 */
export function computeResult(
  round: Round,
  votes: readonly Vote[],
  participation: readonly Participation[],
  now: Date,
  declarations: readonly ConflictDeclaration[] = [],
): RoundResult {
  const counted = new Set(participation.map((p) => p.personId));
  const conflictsOf = declarations.filter((d) => d.detail !== null && counted.has(d.personId));
  const byConstituency = {} as Record<Constituency, ConstituencyTally>;
  for (const constituency of CONSTITUENCIES) {
    const inGroup = votes.filter((v) => v.constituency === constituency);
    byConstituency[constituency] = tallyOf(
      round,
      inGroup,
      constituency,
      conflictsOf.filter((d) => d.constituency === constituency).length +
        inGroup.filter((v) => v.ballot.conflict).length,
    );
  }
  const shown = votes.filter((v) => !byConstituency[v.constituency].withheld);
  const anyWithheld = CONSTITUENCIES.some((c) => byConstituency[c].withheld);
  return {
    byConstituency,
    overallScore: anyWithheld ? null : round.kind === 'score' ? weightedScore(round, votes) : null,
    ...(anyWithheld ? { overallWithheld: true } : {}),
    quorumReached: CONSTITUENCIES.every((c) => byConstituency[c].quorumReached),
    conflicts: sorted([
      ...conflictsOf.map((d) => d.detail as string),
      // Votes stored by release 0.1 carried the conflict in the ballot.
      ...votes.flatMap((v) => (v.ballot.conflict ? [v.ballot.conflict] : [])),
    ]),
    reasons: sorted(shown.flatMap((v) => (v.ballot.kind === 'support' && v.ballot.reason ? [v.ballot.reason] : []))),
    participants: [...counted].sort(),
    computedAt: now.toISOString(),
  };
}

/**
 * What of a result may be shown (SPEC 3.1), whatever stored it: while an anonymous round is open, or a
 * round hides its results until close, only how many took part; after an anonymous round closes, small
 * groups withheld (again, for results frozen before this rule) and the overall figure with them.
 */
export function disclosedResult(round: Round, result: RoundResult): RoundResult {
  if (round.status === 'open' && (round.anonymous || round.hideResultsUntilClose)) return participationOnly(result);
  if (!round.anonymous) return result;
  const min = round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const byConstituency = { ...result.byConstituency };
  let anyWithheld = false;
  for (const c of CONSTITUENCIES) {
    const t = byConstituency[c];
    if (!t || !(t.withheld || (t.voters > 0 && t.voters < min))) continue;
    byConstituency[c] = withheld(t);
    anyWithheld = true;
  }
  if (!anyWithheld) return { ...result, reasons: sorted(result.reasons), conflicts: sorted(result.conflicts) };
  return {
    ...result,
    byConstituency,
    overallScore: null,
    overallWithheld: true,
    // A frozen result does not say which group a reason came from: with any group withheld, none are shown.
    reasons: result.overallWithheld ? sorted(result.reasons) : [],
    conflicts: sorted(result.conflicts),
  };
}

/** True when a result shows only how many took part (an open anonymous or hidden-results round). */
export function showsParticipationOnly(round: Round): boolean {
  return round.status === 'open' && (round.anonymous || round.hideResultsUntilClose);
}

/**
 * What may be shown of an open anonymous (or hidden-results) round, from who took part alone: its
 * ballots need not be read at all (each vote refreshes the forum message, so this is on the hot path).
 */
export function participationResult(round: Round, participation: readonly Participation[], now: Date): RoundResult {
  const byConstituency = {} as Record<Constituency, ConstituencyTally>;
  for (const constituency of CONSTITUENCIES) {
    const voters = participation.filter((p) => p.constituency === constituency).length;
    const quorum = round.quorum[constituency] ?? 0;
    const base = { voters, conflicts: 0, quorum, quorumReached: voters >= quorum };
    byConstituency[constituency] = { ...base, support: 0, neutral: 0, oppose: 0, meanScores: {}, weightedScore: null };
  }
  return {
    byConstituency,
    overallScore: null,
    quorumReached: CONSTITUENCIES.every((c) => byConstituency[c].quorumReached),
    conflicts: [],
    reasons: [],
    participants: participation.map((p) => p.personId).sort(),
    computedAt: now.toISOString(),
  };
}

function participationOnly(result: RoundResult): RoundResult {
  const byConstituency = { ...result.byConstituency };
  for (const c of CONSTITUENCIES) {
    const t = byConstituency[c];
    if (t) byConstituency[c] = { ...withheld(t), withheld: false };
  }
  return { ...result, byConstituency, overallScore: null, reasons: [], conflicts: [] };
}

function withheld(t: ConstituencyTally): ConstituencyTally {
  return { ...t, support: 0, neutral: 0, oppose: 0, meanScores: {}, weightedScore: null, withheld: true };
}

function sorted(texts: readonly string[]): string[] {
  return [...texts].sort((a, b) => a.localeCompare(b, 'en-GB'));
}

function tallyOf(
  round: Round,
  votes: readonly Vote[],
  constituency: Constituency,
  conflicts: number,
): ConstituencyTally {
  const quorum = round.quorum[constituency] ?? 0;
  const base = { voters: votes.length, conflicts, quorum, quorumReached: votes.length >= quorum };
  const min = round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  if (round.anonymous && votes.length > 0 && votes.length < min)
    return { ...base, support: 0, neutral: 0, oppose: 0, meanScores: {}, weightedScore: null, withheld: true };
  const count = (choice: string) =>
    votes.filter((v) => v.ballot.kind === 'support' && v.ballot.choice === choice).length;
  const meanScores: Record<string, number> = {};
  if (round.kind === 'score') {
    for (const priority of round.priorities) {
      const mean = meanScore(votes, priority.id);
      if (mean !== null) meanScores[priority.id] = mean;
    }
  }
  return {
    ...base,
    support: count('support'),
    neutral: count('neutral'),
    oppose: count('oppose'),
    meanScores,
    weightedScore: round.kind === 'score' ? weightedScore(round, votes) : null,
  };
}

function meanScore(votes: readonly Vote[], priorityId: string): number | null {
  const scores = votes.flatMap((v) => (v.ballot.kind === 'score' ? [v.ballot.scores[priorityId]] : []));
  const given = scores.filter((s): s is number => typeof s === 'number');
  return given.length === 0 ? null : given.reduce((a, b) => a + b, 0) / given.length;
}

/** Weighted mean of per-priority mean scores (1-5), or null with no scores. */
function weightedScore(round: Round, votes: readonly Vote[]): number | null {
  let total = 0;
  let weights = 0;
  for (const priority of round.priorities) {
    const mean = meanScore(votes, priority.id);
    if (mean === null) continue;
    total += mean * priority.weight;
    weights += priority.weight;
  }
  return weights === 0 ? null : Math.round((total / weights) * 100) / 100;
}
