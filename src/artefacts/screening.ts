import { type Screening, screeningSchema } from '../domain/artefacts.js';
import { clip } from '../views/format.js';
import { area, YES_NO, yes } from '../views/form-fields.js';
import type { FormField } from '../views/reply.js';
import { defineArtefact, PM_ONLY } from './define-artefact.js';

/** The three questions of the screening (SPEC 4): each "applicable?" and why, whichever the answer. */
const TOPICS = [
  {
    id: 'equality',
    name: 'Equality impact',
    hint: 'Could the pilot affect some people differently because of their age, disability, race, sex, religion or another protected characteristic?',
  },
  {
    id: 'healthInequalities',
    name: 'Health inequalities',
    hint: 'Could the pilot widen or narrow the gaps in health between groups of people or between areas?',
  },
  {
    id: 'publicEngagement',
    name: 'Public engagement',
    hint: 'Does the public need to be told, asked or consulted before the pilot goes ahead?',
  },
] as const;

type TopicId = (typeof TOPICS)[number]['id'];

/** One topic's answer as recorded. */
function answerOf(s: Screening, topic: TopicId): { applicable: boolean; why: string } {
  const answers = {
    equality: { applicable: s.equalityApplicable, why: s.equalityWhy },
    healthInequalities: { applicable: s.healthInequalitiesApplicable, why: s.healthInequalitiesWhy },
    publicEngagement: { applicable: s.publicEngagementApplicable, why: s.publicEngagementWhy },
  };
  return answers[topic];
}

const words = (applicable: boolean) => (applicable ? 'Applicable' : 'Not applicable');

/** Stage 8: the equality, health inequalities and public engagement screening the committee paper reports. */
export const screeningArtefact = defineArtefact({
  kind: 'screening',
  what: 'equality screening',
  stage: 'final_proposal',
  button: 'Equality screening',
  who: PM_ONLY,
  input: screeningSchema.omit({ recordedBy: true, recordedAt: true }),
  form: (idea) => ({
    title: `Equality screening: ${idea}`,
    submitLabel: 'Save screening',
    fields: TOPICS.flatMap((t): FormField[] => [
      {
        id: `${t.id}Applicable`,
        label: `${t.name}: does it apply to this pilot?`,
        kind: 'select',
        required: true,
        options: YES_NO,
        hint: t.hint,
      },
      area(`${t.id}Why`, `${t.name}: why?`, 2000, { hint: 'Please give a reason whether you chose yes or no.' }),
    ]),
    intro:
      'The committee paper reports these three checks. For each one, say whether it applies to this pilot and why. If you save this again, it replaces what was saved before.',
  }),
  fromForm: (values) => ({
    ...values,
    ...Object.fromEntries(TOPICS.map((t) => [`${t.id}Applicable`, yes(values[`${t.id}Applicable`])])),
  }),
  apply: (a, v, { by, at }) => ({ ...a, screening: { ...v, recordedBy: by, recordedAt: at } }),
  shown: ({ artefacts: { screening } }) =>
    screening
      ? {
          title: 'Equality, health inequalities and public engagement screening',
          items: TOPICS.map((t) => {
            const { applicable, why } = answerOf(screening, t.id);
            return `${t.name}: ${words(applicable).toLowerCase()}. ${clip(why, 300)}`;
          }),
        }
      : null,
  caseData: ({ artefacts: { screening } }, { by }) => ({
    screening: screening
      ? {
          ...(Object.fromEntries(
            TOPICS.map((t) => {
              const { applicable, why } = answerOf(screening, t.id);
              return [t.id, { applicable, answer: words(applicable), reason: why }];
            }),
          ) as Record<TopicId, { applicable: boolean; answer: string; reason: string }>),
          ...by(screening.recordedBy, screening.recordedAt),
        }
      : null,
  }),
  gate: ({ artefacts }) =>
    artefacts.screening
      ? []
      : [
          'the equality, health inequalities and public engagement screening, each applicable or not with a reason (the equality screening form)',
        ],
});
