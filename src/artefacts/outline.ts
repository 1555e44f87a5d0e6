import { outlineSchema } from '../domain/artefacts.js';
import { PILOT_PRINCIPLES } from '../domain/reference-data.js';
import { area } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY } from './define-artefact.js';
import { risksText } from './risks.js';

/**
 * Stage 3: the outline proposal, with the pilot principles as a nudge. Its risks are in the risk register
 * (risks.ts); an outline written before the register keeps its risks text, even when saved again.
 */
export const outlineArtefact = defineArtefact({
  kind: 'outline',
  what: 'outline proposal',
  stage: 'outline',
  button: 'Write outline',
  who: PM_ONLY,
  input: outlineSchema.omit({ risks: true, updatedBy: true, updatedAt: true }),
  form: (idea) => ({
    title: `Outline proposal: ${idea}`,
    submitLabel: 'Save outline',
    fields: [
      area('objectives', 'Objectives', 4000),
      area('cohort', 'Cohort: who will take part?', 2000),
      { id: 'cohortSize', label: 'Cohort size (number of people)', kind: 'number', required: true },
      { id: 'durationMonths', label: 'Duration (months)', kind: 'number', required: true },
      area('approach', 'Approach', 4000),
    ],
    intro: `Pilot principles: ${PILOT_PRINCIPLES.join('; ')}.`,
  }),
  apply: (a, v, { by, at }) => ({
    ...a,
    outline: { ...v, ...(a.outline?.risks ? { risks: a.outline.risks } : {}), updatedBy: by, updatedAt: at },
  }),
  caseData: ({ artefacts }, { by }) => {
    const outline = artefacts.outline;
    return {
      outline: outline
        ? {
            objectives: outline.objectives,
            cohort: outline.cohort,
            cohortSize: outline.cohortSize,
            durationMonths: outline.durationMonths,
            approach: outline.approach,
            risks: risksText(artefacts),
            risksNote: outline.risks ?? null,
            ...by(outline.updatedBy, outline.updatedAt),
          }
        : null,
    };
  },
  gate: ({ artefacts }) =>
    artefacts.outline
      ? []
      : ['a complete outline proposal: objectives, cohort and size, duration and approach (the outline form)'],
});
