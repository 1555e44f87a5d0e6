import type { CaseData } from './case-data-schema.js';
import type { GapKey } from './case-gaps.js';

/** Which placeholders the case will show, in the order of the paper. */
export function findGaps(d: CaseData): GapKey[] {
  const gaps: [GapKey, boolean][] = [
    ['meetingDate', !d.meta.meetingDate],
    ['openOrExempt', true],
    ['name', d.meta.author.startsWith('[GAP:')],
    ['authorContact', true],
    ['recommendation', !d.outline || !d.funding],
    ['rationale', !d.rationale],
    ['criteria', !d.criteria],
    ['unmetCriteria', (d.criteria?.notMet.length ?? 0) > 0],
    ['evidence', d.evidence.length === 0 && !d.noPrecedent],
    ['outline', !d.outline],
    ['options', !d.options],
    ['rounds', d.rounds.length === 0],
    ['shortlist', !d.shortlist],
    ['consultation', !d.consultation],
    ['whatChanged', true],
    ['funding', !d.funding],
    ['financialYear', !d.meta.financialYear],
    ['providers', d.providers.length === 0],
    ['specialists', d.specialists.length === 0],
    ['signOff', d.specialists.some((s) => s.required && !s.signedBy)],
    ['clearanceFinance', true],
    ['clearanceLegal', true],
    ['statutory', true],
    ['equality', !d.screening],
    ['climate', true],
    ['risks', d.risks.length === 0 && !d.outline?.risksNote],
    ['finalProposal', !d.finalProposal],
    ['reportBack', !d.meta.reportBackBy],
    ['backgroundPapers', true],
  ];
  return gaps.filter(([, missing]) => missing).map(([key]) => key);
}
