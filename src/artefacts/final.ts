import type { Artefacts } from '../domain/artefacts.js';
import { finalProposalSchema, jccDecisionSchema } from '../domain/artefacts.js';
import { calendarDay } from '../domain/text.js';
import { formatDate } from '../templates/case-format.js';
import { area, text } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY, requireStage } from './define-artefact.js';

const DECISION_LABELS = { approved: 'Approved', deferred: 'Deferred', rejected: 'Rejected' } as const;

/** Told how to write a committee date, wherever the form asks for one. */
const COMMITTEE_DATE_HINT =
  'The day of the Joint Commissioning Committee meeting that will decide on it, written year-month-day: 2027-03-15 is 15 March 2027.';

/** What the final proposal itself still needs: all of it, or (on one saved before it was asked) the committee date. */
export function finalProposalMissing(artefacts: Artefacts): string[] {
  if (!artefacts.finalProposal)
    return [
      'the evaluation approach, benefits, measurable success criteria and committee date (the final proposal form)',
    ];
  if (!artefacts.finalProposal.committeeDate)
    return ['the committee date (please send the final proposal form again, with the date)'];
  return [];
}

/** What stage 8 needs last: the business case drafted from everything above, then the JCC's approval. */
export function decisionMissing(artefacts: Artefacts): string[] {
  const missing: string[] = [];
  if (!artefacts.caseDraftedAt) missing.push('the JCC business case drafted (case <ID>)');
  if (artefacts.decision?.decision !== 'approved') missing.push('the JCC decision recorded as approved');
  return missing;
}

/** Stage 8: the evaluation approach, benefits, success criteria and the committee date. */
export const finalArtefact = defineArtefact({
  kind: 'final',
  what: 'final proposal',
  stage: 'final_proposal',
  button: 'Final proposal',
  who: PM_ONLY,
  // Required of every new final proposal; the stored schema lets older ones without it load.
  input: finalProposalSchema
    .omit({ updatedBy: true, updatedAt: true })
    .extend({ committeeDate: calendarDay('The committee date') }),
  form: (idea) => ({
    title: `Final proposal: ${idea}`,
    submitLabel: 'Save final proposal',
    fields: [
      area('evaluation', 'How will the pilot be evaluated?', 4000),
      area('benefits', 'Benefits', 4000),
      area('successCriteria', 'Measurable success criteria', 4000),
      text('committeeDate', 'Committee date', 10, { placeholder: '2027-03-15', hint: COMMITTEE_DATE_HINT }),
    ],
  }),
  apply: (a, v, { by, at }) => ({ ...a, finalProposal: { ...v, updatedBy: by, updatedAt: at } }),
  shown: ({ artefacts: { finalProposal: f } }) =>
    f
      ? {
          title: 'Final proposal',
          items: [
            f.committeeDate ? `Committee date: ${formatDate(f.committeeDate)}.` : 'Committee date: not recorded yet.',
          ],
        }
      : null,
  auditDetail: (v) => ({ committeeDate: v.committeeDate }),
  caseData: ({ artefacts: { finalProposal: f } }, { by }) => ({
    finalProposal: f
      ? {
          evaluation: f.evaluation,
          benefits: f.benefits,
          successCriteria: f.successCriteria,
          committeeDate: f.committeeDate ? formatDate(f.committeeDate) : null,
          ...by(f.updatedBy, f.updatedAt),
        }
      : null,
  }),
  gate: ({ artefacts }) => finalProposalMissing(artefacts),
});

/** Stage 8: the JCC's decision; an approval moves the idea to approved, a rejection ends it. */
export const decisionArtefact = defineArtefact({
  kind: 'decision',
  what: 'JCC decision',
  stage: 'final_proposal',
  button: 'JCC decision',
  who: PM_ONLY,
  input: jccDecisionSchema.omit({ recordedBy: true, recordedAt: true }),
  form: (idea) => ({
    title: `JCC decision: ${idea}`,
    submitLabel: 'Record decision',
    fields: [
      {
        id: 'decision',
        label: 'Decision',
        kind: 'select',
        required: true,
        options: [
          { value: 'approved', label: 'Approved' },
          { value: 'deferred', label: 'Deferred' },
          { value: 'rejected', label: 'Rejected' },
        ],
      },
      area('note', 'Note (optional)', 2000, { required: false }),
    ],
  }),
  apply: (a, v, { by, at, idea }) => {
    requireStage(idea, 'final_proposal');
    return { ...a, decision: { ...v, recordedBy: by, recordedAt: at } };
  },
  caseData: ({ artefacts: { decision } }, { by }) => ({
    decision: decision
      ? {
          decision: DECISION_LABELS[decision.decision],
          note: decision.note ?? null,
          ...by(decision.recordedBy, decision.recordedAt),
        }
      : null,
  }),
  gate: ({ artefacts }) => decisionMissing(artefacts),
  decides: (v) => v.decision,
  heard: (v) => ({ kind: 'jcc', outcome: v.decision, reason: v.note }),
});
