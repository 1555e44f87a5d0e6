import type { Artefacts } from '../domain/artefacts.js';
import { finalProposalSchema, jccDecisionSchema } from '../domain/artefacts.js';
import { area } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY, requireStage } from './define-artefact.js';

const DECISION_LABELS = { approved: 'Approved', deferred: 'Deferred', rejected: 'Rejected' } as const;

/** What the final-proposal gate needs; the decision line is left out while the decision is being recorded. */
export function finalProposalMissing(artefacts: Artefacts, withDecision = true): string[] {
  const missing: string[] = [];
  if (!artefacts.finalProposal) missing.push('the evaluation approach, benefits and measurable success criteria');
  if (!artefacts.caseDraftedAt) missing.push('the JCC business case drafted (case <ID>)');
  if (withDecision && artefacts.decision?.decision !== 'approved')
    missing.push('the JCC decision recorded as approved');
  return missing;
}

/** Stage 8: the evaluation approach, benefits and success criteria. */
export const finalArtefact = defineArtefact({
  kind: 'final',
  what: 'final proposal',
  stage: 'final_proposal',
  button: 'Final proposal',
  who: PM_ONLY,
  input: finalProposalSchema.omit({ updatedBy: true, updatedAt: true }),
  form: (idea) => ({
    title: `Final proposal: ${idea}`,
    submitLabel: 'Save final proposal',
    fields: [
      area('evaluation', 'How will the pilot be evaluated?', 4000),
      area('benefits', 'Benefits', 4000),
      area('successCriteria', 'Measurable success criteria', 4000),
    ],
  }),
  apply: (a, v, { by, at }) => ({ ...a, finalProposal: { ...v, updatedBy: by, updatedAt: at } }),
  caseData: ({ artefacts: { finalProposal: f } }, { by }) => ({
    finalProposal: f
      ? {
          evaluation: f.evaluation,
          benefits: f.benefits,
          successCriteria: f.successCriteria,
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
  decides: (v) => v.decision,
  heard: (v) => ({ kind: 'jcc', outcome: v.decision, reason: v.note }),
});
