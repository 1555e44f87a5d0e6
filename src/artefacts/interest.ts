import { providerInterestSchema } from '../domain/artefacts.js';
import { area, text, YES_NO, yes } from '../views/form-fields.js';
import { defineArtefact } from './define-artefact.js';

/** Stage 6: a provider's expression of interest, always with its conflict-of-interest declaration. */
export const interestArtefact = defineArtefact({
  kind: 'interest',
  what: 'expression of interest',
  stage: 'provider_scoping',
  button: 'Express interest',
  who: {
    roles: ['provider', 'pm'],
    refusal: 'Expressions of interest come from care providers (or a project manager on their behalf).',
  },
  input: providerInterestSchema
    .omit({ declaredBy: true, declaredAt: true })
    .refine((v) => !v.hasConflict || !!v.conflictDetail, {
      error: 'Please describe the conflict of interest.',
      path: ['conflictDetail'],
    }),
  form: (idea) => ({
    title: `Provider interest: ${idea}`,
    submitLabel: 'Send expression of interest',
    fields: [
      text('providerName', 'Provider name', 200),
      text('contact', 'Contact (optional)', 200, { required: false }),
      area('summary', 'What could you offer?', 4000),
      {
        id: 'hasConflict',
        label: 'Do you have a conflict of interest?',
        kind: 'select',
        required: true,
        options: YES_NO,
      },
      area('conflictDetail', 'If yes, please describe it', 2000, { required: false }),
    ],
    intro: 'Every expression of interest carries a conflict-of-interest declaration.',
  }),
  fromForm: (values) => ({ ...values, hasConflict: yes(values.hasConflict) }),
  apply: (a, v, { by, at }) => ({ ...a, interests: [...a.interests, { ...v, declaredBy: by, declaredAt: at }] }),
  caseData: ({ artefacts }, { by }) => ({
    providers: artefacts.interests.map((i) => ({
      name: i.providerName,
      contact: i.contact ?? null,
      summary: i.summary,
      hasConflict: i.hasConflict,
      conflict: i.hasConflict ? (i.conflictDetail ?? null) : null,
      ...by(i.declaredBy, i.declaredAt),
    })),
  }),
  gate: ({ artefacts }) => {
    if (artefacts.interests.length === 0)
      return ['at least one provider expression of interest, with its conflict-of-interest declaration'];
    return artefacts.interests
      .filter((i) => i.hasConflict && !i.conflictDetail)
      .map((i) => `details of the conflict of interest declared by ${i.providerName}`);
  },
});
