import { providerInterestSchema } from '../domain/artefacts.js';
import { area, text, YES_NO, yes } from '../views/form-fields.js';
import { who } from '../views/format.js';
import { strong } from '../views/inline.js';
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
    .omit({ declaredBy: true, declaredAt: true, declaredConflictIn: true })
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
  // A provider who declared a conflict on the idea when voting is flagged (SPEC 3.1), on the interest and to the PM.
  apply: (a, v, { by, at, conflictRounds }) => ({
    ...a,
    interests: [
      ...a.interests,
      {
        ...v,
        declaredBy: by,
        declaredAt: at,
        ...(conflictRounds.length > 0 ? { declaredConflictIn: [...conflictRounds] } : {}),
      },
    ],
  }),
  alert: (v, { by, idea, conflictRounds }) =>
    conflictRounds.length === 0
      ? undefined
      : `please check a conflict of interest. ${v.providerName} (sent by ${who(by)}) has expressed interest in ${idea.id}. When voting on it (${roundList(conflictRounds)}), they declared a conflict of interest.`,
  shown: ({ artefacts }) =>
    artefacts.interests.length === 0
      ? null
      : {
          title: 'Expressions of interest',
          items: artefacts.interests.map(
            (i) =>
              `${i.providerName} (${who(i.declaredBy)}): ${i.hasConflict ? 'declared a conflict of interest' : 'no conflict of interest'}.${i.declaredConflictIn ? ` ${strong('Flag')}: ${votedWithConflict(i.declaredConflictIn)}.` : ''}`,
          ),
        },
  caseData: ({ artefacts }, { by }) => ({
    providers: artefacts.interests.map((i) => ({
      name: i.providerName,
      contact: i.contact ?? null,
      summary: i.summary,
      hasConflict: i.hasConflict,
      conflict: i.hasConflict ? (i.conflictDetail ?? null) : null,
      flag: i.declaredConflictIn ? `${votedWithConflict(i.declaredConflictIn)}, before expressing interest.` : null,
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

/** The flag on an interest whose sender declared a conflict when voting on the idea. */
function votedWithConflict(rounds: readonly string[]): string {
  return `declared a conflict of interest on this idea when voting (${roundList(rounds)})`;
}

function roundList(rounds: readonly string[]): string {
  return rounds.length > 1 ? `${rounds.slice(0, -1).join(', ')} and ${rounds.at(-1)}` : (rounds[0] ?? '');
}
