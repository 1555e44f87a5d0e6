import { criteriaCheckSchema } from '../domain/artefacts.js';
import { BASIC_CRITERIA } from '../domain/reference-data.js';
import { area } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY } from './define-artefact.js';

/** Stage 1: the PM's basic-criteria check; the idea moves on when all five are met. */
export const criteriaArtefact = defineArtefact({
  kind: 'criteria',
  what: 'criteria check',
  stage: 'longlist',
  button: 'Check criteria',
  who: PM_ONLY,
  input: criteriaCheckSchema.omit({ confirmedBy: true, confirmedAt: true }),
  form: (idea) => ({
    title: `Basic criteria: ${idea}`,
    submitLabel: 'Save check',
    fields: [
      {
        id: 'met',
        label: 'Which basic criteria does the idea meet?',
        kind: 'checkboxes',
        required: false,
        options: BASIC_CRITERIA.map((c) => ({ value: c.id, label: c.label })),
      },
      area('note', 'Note (optional)', 2000, { required: false }),
    ],
    intro: 'Tick each criterion the idea meets. It moves on when all five are met.',
  }),
  apply: (a, v, { by, at }) => ({ ...a, criteria: { ...v, confirmedBy: by, confirmedAt: at } }),
  caseData: ({ artefacts: { criteria } }, { by }) => ({
    criteria: criteria
      ? {
          met: BASIC_CRITERIA.filter((c) => criteria.met.includes(c.id)).map((c) => c.label),
          notMet: BASIC_CRITERIA.filter((c) => !criteria.met.includes(c.id)).map((c) => c.label),
          note: criteria.note ?? null,
          ...by(criteria.confirmedBy, criteria.confirmedAt),
        }
      : null,
  }),
  gate: ({ artefacts }) => {
    const criteria = artefacts.criteria;
    if (!criteria) return ['a PM to confirm the basic criteria (the criteria check form)'];
    const unmet = BASIC_CRITERIA.filter((c) => !criteria.met.includes(c.id));
    return unmet.map((c) => `the basic criterion "${c.label}" confirmed as met`);
  },
});
