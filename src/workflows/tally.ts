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

/** Whether anyone in a constituency may vote in the round (one of its eligible roles belongs to it). */
export function isEligible(round: Pick<Round, 'eligibleRoles'>, constituency: Constituency): boolean {
  return round.eligibleRoles.some((role) => constituencyOf([role]) === constituency);
}

/** The groups a round's result shows: those that may vote, and any other that has votes (an older round's). */
export function shownConstituencies(round: Pick<Round, 'eligibleRoles'>, result: RoundResult): Constituency[] {
  return CONSTITUENCIES.filter((c) => isEligible(round, c) || (result.byConstituency[c]?.voters ?? 0) > 0);
}

/**
 * A group's own result (SPEC 3.1): in a support round the share supporting (0-1), in a score round the
 * weighted mean score (1-5). Null when nobody in it voted, or its choices are withheld.
 */
export function groupResult(kind: Round['kind'], tally: ConstituencyTally | undefined): number | null {
  if (!tally || tally.voters === 0 || tally.withheld) return null;
  if (kind === 'score') return tally.weightedScore;
  return tally.support / tally.voters;
}

/**
 * The overall result (SPEC 3.1): each group that voted counts equally, as the mean of the groups' own
 * results, never of all ballots, so a larger group cannot outweigh the experts by experience. Null when
 * nobody voted, or when any group's choices are withheld.
 */
export function overallOf(round: Pick<Round, 'kind'>, byConstituency: RoundResult['byConstituency']): number | null {
  if (CONSTITUENCIES.some((c) => byConstituency[c]?.withheld)) return null;
  const results = CONSTITUENCIES.map((c) => groupResult(round.kind, byConstituency[c])).filter(
    (r): r is number => r !== null,
  );
  if (results.length === 0) return null;
  const mean = results.reduce((a, b) => a + b, 0) / results.length;
  return round.kind === 'score' ? Math.round(mean * 100) / 100 : Math.round(mean * 10_000) / 10_000;
}

/**
 * The groups whose own result is low (SPEC 3.1): the experts by experience or the providers scoring
 * below the threshold, or with more oppose than support. Shortlisting then needs an override with a reason.
 */
export function lowGroups(round: Pick<Round, 'kind'>, result: RoundResult, lowScoreThreshold: number): Constituency[] {
  return (['experts', 'providers'] as const).filter((c) => {
    const tally = result.byConstituency[c];
    if (!tally || tally.voters === 0 || tally.withheld) return false;
    if (round.kind === 'score') return tally.weightedScore !== null && tally.weightedScore < lowScoreThreshold;
    return tally.oppose > tally.support;
  });
}

/**
 * A stored result with its overall figure worked out by this release's rule (each group equal; support
 * rounds too). Start-up applies it to rounds closed by an earlier release, whose overall pooled all ballots.
 */
export function withFairOverall(round: Pick<Round, 'kind'>, result: RoundResult): RoundResult {
  if (result.overallWithheld) return { ...result, overallScore: null };
  return { ...result, overallScore: overallOf(round, result.byConstituency) };
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
    overallScore: overallOf(round, byConstituency),
    ...(anyWithheld ? { overallWithheld: true } : {}),
    quorumReached: quorumReachedIn(round, byConstituency),
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
    const quorum = isEligible(round, constituency) ? (round.quorum[constituency] ?? 0) : 0;
    const base = { voters, conflicts: 0, quorum, quorumReached: voters >= quorum };
    byConstituency[constituency] = { ...base, support: 0, neutral: 0, oppose: 0, meanScores: {}, weightedScore: null };
  }
  return {
    byConstituency,
    overallScore: null,
    quorumReached: quorumReachedIn(round, byConstituency),
    conflicts: [],
    reasons: [],
    participants: participation.map((p) => p.personId).sort(),
    computedAt: now.toISOString(),
  };
}

/** Every group that may vote has reached its quorum (a group that may not vote needs none). */
function quorumReachedIn(round: Round, byConstituency: RoundResult['byConstituency']): boolean {
  return CONSTITUENCIES.every((c) => !isEligible(round, c) || byConstituency[c].quorumReached);
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
  const quorum = isEligible(round, constituency) ? (round.quorum[constituency] ?? 0) : 0;
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
