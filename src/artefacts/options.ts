import { optionsSchema } from '../domain/artefacts.js';
import { clip } from '../views/format.js';
import { area } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY } from './define-artefact.js';

/** Stage 3: the other options considered, doing nothing among them; recording it again replaces it. */
export const optionsArtefact = defineArtefact({
  kind: 'options',
  what: 'other options considered',
  stage: 'outline',
  button: 'Other options',
  who: PM_ONLY,
  input: optionsSchema.omit({ recordedBy: true, recordedAt: true }),
  form: (idea) => ({
    title: `Other options: ${idea}`,
    submitLabel: 'Save options',
    fields: [
      area('doNothing', 'What would happen if we did nothing?', 4000, {
        hint: 'The committee always asks this. For example: waiting lists keep growing and more people go into hospital.',
      }),
      area('alternatives', 'Other options considered, and why they were not chosen', 4000),
    ],
    intro: 'If you save this again, it replaces what was saved before.',
  }),
  apply: (a, v, { by, at }) => ({ ...a, options: { ...v, recordedBy: by, recordedAt: at } }),
  shown: ({ artefacts: { options } }) =>
    options
      ? {
          title: 'Other options considered',
          items: [
            `If we did nothing: ${clip(options.doNothing, 300)}`,
            `Other options: ${clip(options.alternatives, 300)}`,
          ],
        }
      : null,
  caseData: ({ artefacts: { options } }, { by }) => ({
    options: options
      ? {
          doNothing: options.doNothing,
          alternatives: options.alternatives,
          ...by(options.recordedBy, options.recordedAt),
        }
      : null,
  }),
  gate: ({ artefacts }) =>
    artefacts.options ? [] : ['the other options considered, including doing nothing (the "other options" form)'],
});
