import { evidenceEntrySchema, noPrecedentSchema } from '../domain/artefacts.js';
import { area, text } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY } from './define-artefact.js';

/** Stage 2: one example of similar work elsewhere; the gate takes evidence or a "no precedent found". */
export const evidenceArtefact = defineArtefact({
  kind: 'evidence',
  what: 'evidence entry',
  stage: 'review',
  button: 'Add evidence',
  who: PM_ONLY,
  input: evidenceEntrySchema.omit({ addedBy: true, addedAt: true }),
  form: (idea) => ({
    title: `Evidence from elsewhere: ${idea}`,
    submitLabel: 'Add evidence',
    fields: [
      text('source', 'Where was similar work done? (the source)', 500),
      area('whatHappened', 'What happened?', 4000),
      area('lesson', 'What lesson can we learn?', 4000),
    ],
  }),
  apply: (a, v, { by, at }) => ({ ...a, evidence: [...a.evidence, { ...v, addedBy: by, addedAt: at }] }),
  caseData: ({ artefacts }, { by }) => ({
    evidence: artefacts.evidence.map((e) => ({
      source: e.source,
      whatHappened: e.whatHappened,
      lesson: e.lesson,
      ...by(e.addedBy, e.addedAt),
    })),
  }),
  gate: ({ artefacts }) =>
    artefacts.evidence.length > 0 || artefacts.noPrecedent
      ? []
      : ['at least one evidence entry from similar work elsewhere, or a recorded "no precedent found"'],
});

/** Stage 2: a recorded "no precedent found" (the gate is the evidence entry's). */
export const noPrecedentArtefact = defineArtefact({
  kind: 'no_precedent',
  what: '"no precedent found" note',
  stage: 'review',
  button: 'No precedent found',
  who: PM_ONLY,
  input: noPrecedentSchema.omit({ recordedBy: true, recordedAt: true }),
  form: (idea) => ({
    title: `No precedent found: ${idea}`,
    submitLabel: 'Record',
    fields: [area('note', 'Where did you look?', 2000)],
  }),
  apply: (a, v, { by, at }) => ({ ...a, noPrecedent: { note: v.note, recordedBy: by, recordedAt: at } }),
  caseData: ({ artefacts: { noPrecedent } }, { by }) => ({
    noPrecedent: noPrecedent ? { note: noPrecedent.note, ...by(noPrecedent.recordedBy, noPrecedent.recordedAt) } : null,
  }),
});
