import { CONSTITUENCIES, type Constituency, type Role } from '../domain/reference-data.js';
import type { ConstituencyTally, Participation, Round, RoundResult, Vote } from '../domain/voting.js';

/** The constituency a person votes in: experts by experience, providers, or others. */
export function constituencyOf(roles: readonly Role[]): Constituency {
  if (roles.includes('expert')) return 'experts';
  if (roles.includes('provider')) return 'providers';
  return 'others';
}

/** Tallies a round's current votes per constituency, with quorum, weighted scores and declared conflicts. */
export function computeResult(
  round: Round,
  votes: readonly Vote[],
  participation: readonly Participation[],
  now: Date,
): RoundResult {
  const byConstituency = {} as Record<Constituency, ConstituencyTally>;
  for (const constituency of CONSTITUENCIES) {
    byConstituency[constituency] = tallyOf(
      round,
      votes.filter((v) => v.constituency === constituency),
      constituency,
    );
  }
  const scored = round.kind === 'score' ? weightedScore(round, votes) : null;
  return {
    byConstituency,
    overallScore: scored,
    quorumReached: CONSTITUENCIES.every((c) => byConstituency[c].quorumReached),
    conflicts: votes.flatMap((v) => (v.ballot.conflict ? [v.ballot.conflict] : [])),
    reasons: votes.flatMap((v) => (v.ballot.kind === 'support' && v.ballot.reason ? [v.ballot.reason] : [])),
    participants: participation.map((p) => p.personId).sort(),
    computedAt: now.toISOString(),
  };
}

function tallyOf(round: Round, votes: readonly Vote[], constituency: Constituency): ConstituencyTally {
  const count = (choice: string) =>
    votes.filter((v) => v.ballot.kind === 'support' && v.ballot.choice === choice).length;
  const quorum = round.quorum[constituency] ?? 0;
  const meanScores: Record<string, number> = {};
  if (round.kind === 'score') {
    for (const priority of round.priorities) meanScores[priority.id] = meanScore(votes, priority.id) ?? 0;
  }
  return {
    voters: votes.length,
    support: count('support'),
    neutral: count('neutral'),
    oppose: count('oppose'),
    meanScores,
    weightedScore: round.kind === 'score' ? weightedScore(round, votes) : null,
    conflicts: votes.filter((v) => v.ballot.conflict).length,
    quorum,
    quorumReached: votes.length >= quorum,
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
