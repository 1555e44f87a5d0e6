import { z } from 'zod';
import {
  type Artefacts,
  type Measure,
  measureSchema,
  mobilisationSchema,
  pilotOutcomeSchema,
} from '../domain/artefacts.js';
import type { Idea } from '../domain/idea.js';
import { PilotError } from '../domain/pilot-error.js';
import {
  type Phase,
  PILOT_OUTCOME_LABELS,
  PILOT_OUTCOMES,
  type PilotOutcome,
  STATUS_LABELS,
} from '../domain/reference-data.js';
import { formatDate } from '../templates/case-format.js';
import { area, text } from '../views/form-fields.js';
import { cmd } from '../views/inline.js';
import type { GateFacts } from '../workflows/gates.js';
import { defineArtefact, PM_ONLY, requireStage } from './define-artefact.js';

/** Where a pilot's measures can be added or removed: until it is evaluated (an extension may add some too). */
const MEASURE_PHASES = ['mobilising', 'live', 'extended'] as const satisfies readonly Phase[];

/** The idea's measures (none before it was approved). */
export function measuresOf(artefacts: Artefacts): Measure[] {
  return artefacts.measures ?? [];
}

/** A number as people write it (no trailing zeros, thousands separated). */
function figure(value: number): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

/** One measure in words: from its baseline to its target, and its latest figure. */
export function measureLine(m: Measure): string {
  const latest = m.results?.at(-1);
  const now = latest
    ? `latest figure ${figure(latest.value)} ${m.unit} (${formatDate(latest.recordedAt)})`
    : 'no figure recorded yet';
  return `${m.id} ${m.name}: from ${figure(m.baseline)} to ${figure(m.target)} ${m.unit}; ${now}; reviews ${m.reviewDates.map((d) => formatDate(d)).join(', ')}`;
}

/** Whether a figure has reached the target (a target below the baseline is reached by going down). */
export function onTarget(m: Measure, value: number): boolean {
  return m.target >= m.baseline ? value >= m.target : value <= m.target;
}

/** When the idea last entered `phase` (its audit history), or undefined. */
export function enteredAt(history: GateFacts['history'], phase: Phase): string | undefined {
  return history.filter((e) => e.to === phase).at(-1)?.at;
}

/** At approval: one success criterion as a measure. Each form sent adds one. */
export const measureArtefact = defineArtefact({
  kind: 'measure',
  what: 'measure',
  stage: 'approved',
  alsoAt: MEASURE_PHASES,
  button: 'Add a measure',
  who: PM_ONLY,
  lookups: ['people'],
  input: measureSchema.omit({ id: true, results: true, addedBy: true, addedAt: true }),
  form: (idea, _context, lookups) => ({
    title: `Add a measure: ${idea}`,
    submitLabel: 'Add measure',
    intro:
      'Turn each success criterion from the final proposal into a measure: where things are now, where the pilot should get to, and who records the figure at each review. Each time you send this form, one measure is added.',
    fields: [
      text('name', 'What is measured?', 300, { placeholder: 'For example: hours of homecare a week per person' }),
      { id: 'baseline', label: 'Where it is now (the baseline)', kind: 'number', required: true },
      { id: 'target', label: 'Where the pilot should get it to (the target)', kind: 'number', required: true },
      text('unit', 'The unit', 60, { placeholder: 'For example: hours, %, people' }),
      {
        id: 'owner',
        label: 'Who records the figure?',
        kind: 'select',
        required: true,
        options: (lookups?.people ?? []).map((p) => ({ value: p.id, label: p.label })),
        hint: 'They get a message on each review date with a form for the figure. Someone without a chat account can be chosen: the project manager is then reminded instead.',
      },
      { id: 'firstReview', label: 'First review date', kind: 'date', required: true },
      { id: 'finalReview', label: 'Final review date (optional)', kind: 'date', required: false },
    ],
  }),
  fromForm: (values) => {
    const { firstReview, finalReview, ...rest } = values;
    const dates = [firstReview, finalReview].filter((d) => typeof d === 'string' && d.trim() !== '');
    return { ...rest, reviewDates: dates };
  },
  apply: (a, v, { by, at, idea }) => {
    requireStage(idea, 'approved', undefined, MEASURE_PHASES);
    const numbers = measuresOf(a).map((m) => Number(m.id.slice(1)));
    const id = `M${Math.max(0, ...numbers) + 1}`;
    const reviewDates = [...new Set(v.reviewDates)].sort();
    return { ...a, measures: [...measuresOf(a), { ...v, reviewDates, id, results: [], addedBy: by, addedAt: at }] };
  },
  shown: ({ artefacts }) =>
    measuresOf(artefacts).length === 0
      ? null
      : { title: 'Measures (success criteria)', items: measuresOf(artefacts).map(measureLine) },
  auditDetail: (v) => ({ reviewDates: v.reviewDates }),
  gate: ({ artefacts }) =>
    measuresOf(artefacts).length > 0
      ? []
      : [
          'at least one measure: a success criterion with its baseline, target, unit, who records it and review dates (the "add a measure" form)',
        ],
});

/** Takes a measure off, by its id (M2); its figures go with it. */
export const measureRemovalArtefact = defineArtefact({
  kind: 'measure_removal',
  what: 'measure to remove',
  stage: 'approved',
  alsoAt: MEASURE_PHASES,
  button: 'Remove a measure',
  who: PM_ONLY,
  input: z.object({
    measure: z
      .string({ error: 'Please give the measure to remove, like M2.' })
      .trim()
      .transform((m) => m.toUpperCase())
      .pipe(z.string().regex(/^M[1-9][0-9]{0,3}$/, { error: 'Please give the measure to remove, like M2.' })),
  }),
  form: (idea) => ({
    title: `Remove a measure: ${idea}`,
    submitLabel: 'Remove measure',
    fields: [
      text('measure', 'Which measure? Its id, like M2', 5, {
        hint: `The measures are listed with their ids in ${cmd(`show ${idea}`)}. Its recorded figures are removed with it.`,
      }),
    ],
  }),
  apply: (a, { measure }, { idea }) => {
    requireStage(idea, 'approved', undefined, MEASURE_PHASES);
    if (!measuresOf(a).some((m) => m.id === measure)) {
      const message = `There is no measure ${measure} on ${idea.id}. See ${cmd(`show ${idea.id}`)} for its measures.`;
      throw new PilotError('invalid_input', message, { fieldErrors: { measure: message } });
    }
    return { ...a, measures: measuresOf(a).filter((m) => m.id !== measure) };
  },
  auditDetail: (v) => ({ measure: v.measure }),
});

/** Mobilising: the contracted provider and when the cohort starts. Recording it again replaces it. */
export const mobilisationArtefact = defineArtefact({
  kind: 'mobilisation',
  what: 'provider contract and cohort start',
  stage: 'mobilising',
  button: 'Provider and start date',
  who: PM_ONLY,
  input: mobilisationSchema.omit({ recordedBy: true, recordedAt: true }),
  form: (idea) => ({
    title: `Getting the pilot ready: ${idea}`,
    submitLabel: 'Save',
    fields: [
      text('provider', 'Which provider is contracted to run it?', 200),
      { id: 'contractedOn', label: 'When was the contract signed?', kind: 'date', required: true },
      { id: 'cohortStart', label: 'When do the first people start?', kind: 'date', required: true },
      {
        id: 'cohortSize',
        label: 'How many people are in the first group? (optional)',
        kind: 'number',
        required: false,
      },
    ],
  }),
  apply: (a, v, { by, at, idea }) => {
    requireStage(idea, 'mobilising');
    return { ...a, mobilisation: { ...v, recordedBy: by, recordedAt: at } };
  },
  shown: ({ artefacts: { mobilisation: m } }) =>
    m
      ? {
          title: 'Getting ready',
          items: [
            `Provider: ${m.provider}, contracted on ${formatDate(m.contractedOn)}.`,
            `First people start on ${formatDate(m.cohortStart)}${m.cohortSize ? ` (${m.cohortSize} people)` : ''}.`,
          ],
        }
      : null,
  gate: ({ artefacts }) => [
    ...(artefacts.mobilisation
      ? []
      : ['the contracted provider and the cohort start date (the "provider and start date" form)']),
    ...(measuresOf(artefacts).length > 0 ? [] : ['at least one measure (the "add a measure" form)']),
  ],
});

/** Evaluated: mainstream, extend or stop, why, and the lessons learnt (they become evidence for later ideas). */
export const pilotOutcomeArtefact = defineArtefact({
  kind: 'pilot_outcome',
  what: 'evaluation outcome',
  stage: 'evaluated',
  button: 'Record the outcome',
  who: PM_ONLY,
  input: pilotOutcomeSchema
    .omit({ recordedBy: true, recordedAt: true })
    .refine((v) => v.outcome !== 'extend' || v.nextReviewDate !== undefined, {
      error: 'An extension needs the next review date.',
      path: ['nextReviewDate'],
    }),
  form: (idea) => ({
    title: `What the evaluation decided: ${idea}`,
    submitLabel: 'Save outcome',
    intro:
      'Stopping a pilot that did not work is a good outcome too: the lessons you write here are offered to everyone working on later ideas.',
    fields: [
      {
        id: 'outcome',
        label: 'What happens next?',
        kind: 'select',
        required: true,
        options: PILOT_OUTCOMES.map((o) => ({ value: o, label: PILOT_OUTCOME_LABELS[o] })),
      },
      area('reason', 'Why? What did the figures and people’s views show?', 4000),
      area('lessons', 'What did we learn that others should know?', 4000),
      {
        id: 'nextReviewDate',
        label: 'For an extension: the next review date',
        kind: 'date',
        required: false,
      },
    ],
  }),
  fromForm: (values) =>
    values.outcome === 'extend' || values.nextReviewDate
      ? values
      : Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'nextReviewDate')),
  apply: (a, v, { by, at, idea }) => {
    requireStage(idea, 'evaluated');
    const { nextReviewDate, ...rest } = v;
    return {
      ...a,
      pilotOutcome: { ...rest, ...(v.outcome === 'extend' ? { nextReviewDate } : {}), recordedBy: by, recordedAt: at },
    };
  },
  shown: ({ artefacts: { pilotOutcome: o } }) =>
    o
      ? {
          title: 'Evaluation outcome',
          items: [
            `${PILOT_OUTCOME_LABELS[o.outcome]}.`,
            `Why: ${o.reason}`,
            `Lessons learnt: ${o.lessons}`,
            ...(o.nextReviewDate ? [`Next review: ${formatDate(o.nextReviewDate)}.`] : []),
          ],
        }
      : null,
  auditDetail: (v) => ({ outcome: v.outcome }),
  gate: ({ artefacts, history }) => {
    const since = enteredAt(history, 'evaluated');
    const o = artefacts.pilotOutcome;
    return o && (!since || o.recordedAt >= since)
      ? []
      : ['the outcome of this evaluation: mainstream, extend or stop, why, and the lessons learnt (the outcome form)'];
  },
});

/** Stage 2: a past pilot's lessons taken as evidence (SPEC 2.2: lessons learnt are evidence for later ideas). */
export const pilotLessonArtefact = defineArtefact({
  kind: 'pilot_lesson',
  what: 'lesson from a past pilot',
  stage: 'review',
  button: 'Use a past pilot’s lessons',
  who: PM_ONLY,
  lookups: ['lessons'],
  input: z.object({
    pilot: z.string({ error: 'Choose a past pilot.' }).regex(/^IP-[1-9][0-9]*$/, { error: 'Choose a past pilot.' }),
  }),
  form: (idea, _context, lookups) => ({
    title: `Lessons from past pilots: ${idea}`,
    submitLabel: 'Add as evidence',
    intro:
      lookups && lookups.lessons.length === 0
        ? 'No pilot has been evaluated yet, so there are no lessons to use. Add evidence from elsewhere instead.'
        : 'Pilots that were mainstreamed or stopped left lessons. The one you choose is added to this idea’s evidence, with its source.',
    fields: [
      {
        id: 'pilot',
        label: 'Which pilot?',
        kind: 'select',
        required: true,
        options: (lookups?.lessons ?? []).map((l) => ({ value: l.id, label: l.label })),
      },
    ],
  }),
  // The lesson itself is read from the store when the form is sent (`resolve`), so what is added is what was recorded.
  resolve: async (v, store) => {
    const pilot = await store.getIdea(v.pilot);
    const lesson = pilot ? lessonOf(pilot) : null;
    return lesson ? { ...v, lesson } : v;
  },
  apply: (a, v, { by, at, idea }) => {
    const lesson = (v as { lesson?: PastLesson }).lesson;
    if (!lesson || lesson.id !== v.pilot)
      throw new PilotError('invalid_input', 'That pilot has no lessons recorded. Please choose another.', {
        fieldErrors: { pilot: 'That pilot has no lessons recorded.' },
      });
    if (lesson.id === idea.id)
      throw new PilotError('invalid_input', 'An idea cannot take its own lessons as evidence.');
    return {
      ...a,
      evidence: [
        ...a.evidence,
        {
          source: `Our own pilot ${lesson.id} “${lesson.title}” (${STATUS_LABELS[lesson.status].toLowerCase()})`,
          whatHappened: lesson.reason,
          lesson: lesson.lessons,
          addedBy: by,
          addedAt: at,
        },
      ],
    };
  },
  auditDetail: (v) => ({ pilot: v.pilot }),
});

/** A finished pilot's lessons, as later ideas see them. */
export interface PastLesson {
  id: string;
  title: string;
  status: 'mainstreamed' | 'stopped';
  outcome: PilotOutcome;
  reason: string;
  lessons: string;
}

/** The lessons of a finished pilot (mainstreamed or stopped), or null. */
export function lessonOf(idea: Idea): PastLesson | null {
  const o = idea.artefacts.pilotOutcome;
  if (!o || (idea.status !== 'mainstreamed' && idea.status !== 'stopped')) return null;
  return {
    id: idea.id,
    title: idea.title,
    status: idea.status,
    outcome: o.outcome,
    reason: o.reason,
    lessons: o.lessons,
  };
}

/** The views of people who used the pilot and their carers, gathered since it went live. */
function viewsHeard(facts: GateFacts): boolean {
  const since = enteredAt(facts.history, 'live') ?? '';
  const day = since.slice(0, 10);
  const consulted = (facts.engagements ?? []).some(
    (e) => e.date >= day && e.groups.some((g) => g === 'experts_by_experience' || g === 'carers'),
  );
  // A feedback vote counts once closed with someone in it: a vote opened and closed unanswered heard nobody.
  const feedback = (facts.feedbackRounds ?? []).some(
    (r) => r.status === 'closed' && r.openedAt >= since && (r.result?.participants.length ?? 0) > 0,
  );
  return consulted || feedback;
}

/** What a pilot phase's gate needs beyond its own artefacts' checks. */
export const PHASE_GATES: Partial<Record<Phase, (facts: GateFacts) => string[]>> = {
  live: (facts) => {
    const since = enteredAt(facts.history, 'live') ?? '';
    const without = measuresOf(facts.artefacts).filter((m) => !(m.results ?? []).some((r) => r.recordedAt >= since));
    return [
      ...(measuresOf(facts.artefacts).length === 0 ? ['at least one measure (the "add a measure" form)'] : []),
      ...(without.length > 0
        ? [
            `a figure for every measure since the pilot started running (missing: ${without.map((m) => `${m.id} ${m.name}`).join('; ')})`,
          ]
        : []),
      ...(viewsHeard(facts)
        ? []
        : [
            `the views of people who used the pilot and their carers: an offline engagement with experts by experience or carers (${cmd('consult <ID>')}) or a closed feedback vote in which at least one person took part (${cmd('vote open <ID> support')})`,
          ]),
    ];
  },
  extended: (facts) => {
    const next = facts.artefacts.pilotOutcome?.nextReviewDate;
    return next && (!facts.today || next > facts.today)
      ? []
      : ['a next review date after today (record the outcome again with the new date)'];
  },
};
