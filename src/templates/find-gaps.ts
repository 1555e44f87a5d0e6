import type { CaseData } from './case-data-schema.js';
import type { GapKey } from './case-gaps.js';

/** Which placeholders the case will show, in the order of the paper. */
export function findGaps(d: CaseData): GapKey[] {
  const gaps: [GapKey, boolean][] = [
    ['recommendation', !d.outline || !d.funding],
    ['criteria', !d.criteria],
    ['evidence', d.evidence.length === 0 && !d.noPrecedent],
    ['outline', !d.outline],
    ['rounds', d.rounds.length === 0],
    ['shortlist', !d.shortlist],
    ['consultation', !d.consultation],
    ['funding', !d.funding],
    ['providers', d.providers.length === 0],
    ['specialists', d.specialists.length === 0],
    ['signOff', d.specialists.some((s) => s.required && !s.signedBy)],
    ['finalProposal', !d.finalProposal],
    ['risks', !d.outline],
    ['statutory', true],
    ['equality', true],
  ];
  return gaps.filter(([, missing]) => missing).map(([key]) => key);
}
