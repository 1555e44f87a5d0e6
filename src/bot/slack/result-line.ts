import { CONSTITUENCIES, CONSTITUENCY_LABELS } from '../../domain/reference-data.js';
import type { Round } from '../../domain/voting.js';

/** A one-line result of a closed round, for the forum thread (totals only: never how anyone voted). */
export function resultLine(round: Round): string {
  const result = round.result;
  if (!result) return `The vote ${round.id} has closed.`;
  const parts = CONSTITUENCIES.filter(
    (c) => result.byConstituency[c].voters > 0 || result.byConstituency[c].quorum > 0,
  ).map((c) => {
    const t = result.byConstituency[c];
    const counts =
      round.kind === 'score'
        ? `score ${t.weightedScore === null ? '–' : t.weightedScore.toFixed(1)} of 5`
        : `${t.support} support, ${t.neutral} neutral, ${t.oppose} oppose`;
    return `${CONSTITUENCY_LABELS[c]}: ${counts} (${t.voters} voted${t.quorum > 0 ? `, quorum ${t.quorumReached ? 'reached' : 'not reached'}` : ''})`;
  });
  const overall =
    round.kind === 'score' && result.overallScore !== null ? ` Overall: ${result.overallScore.toFixed(1)} of 5.` : '';
  return `The vote ${round.id} on ${round.ideaId} has closed. ${parts.length > 0 ? `${parts.join('. ')}.` : 'Nobody voted.'}${overall} Thank you to everyone who took part.`;
}
