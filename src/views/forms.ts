import type { Form, FormField } from '../bot/core/reply.js';
import {
  BASIC_CRITERIA,
  DEFAULT_PRIORITIES,
  FUNDING_SOURCES,
  IDEA_SOURCES,
  OUTCOME_GROUP_LABELS,
  OUTCOMES,
  PILOT_PRINCIPLES,
  SPECIALIST_AREAS,
  SPECIALIST_LABELS,
} from '../domain/reference-data.js';

const text = (id: string, label: string, maxLength: number, extra: Partial<FormField> = {}): FormField => ({
  id,
  label,
  kind: 'text',
  required: true,
  maxLength,
  ...extra,
});
const area = (id: string, label: string, maxLength: number, extra: Partial<FormField> = {}): FormField => ({
  id,
  label,
  kind: 'textarea',
  required: true,
  maxLength,
  ...extra,
});
const yesNo = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
];

/** Every form the bot can open, by id; `context` carries the idea or round id back on submit. */
export const FORM_IDS = [
  'submit',
  'criteria',
  'evidence',
  'no_precedent',
  'outline',
  'shortlist',
  'funding',
  'interest',
  'specialists',
  'signoff',
  'final',
  'decision',
  'vote_support',
  'vote_score',
  'comment',
] as const;
export type FormId = (typeof FORM_IDS)[number];

/** Builds a form by id, with the context it needs. */
export function buildForm(formId: FormId, context: Record<string, string>, priorities = DEFAULT_PRIORITIES): Form {
  const idea = context.ideaId ?? '';
  const make = (title: string, submitLabel: string, fields: FormField[], intro?: string): Form => ({
    formId,
    title,
    submitLabel,
    fields,
    context,
    intro,
  });
  switch (formId) {
    case 'submit':
      return make(
        'Submit an idea',
        'Submit idea',
        [
          text('title', 'Title', 120, { initial: context.title, placeholder: 'A short name for the idea' }),
          area('summary', 'Plain-language summary', 600, {
            hint: 'Two or three sentences anyone can understand. Experts by experience see this first.',
          }),
          area('problem', 'What problem does it solve?', 4000),
          area('approach', 'What is the proposed approach?', 4000),
          area('beneficiaries', 'Who benefits?', 2000),
          {
            id: 'source',
            label: 'Where did the idea come from?',
            kind: 'select',
            required: true,
            options: IDEA_SOURCES.map((s) => ({ value: s.id, label: s.label })),
          },
          {
            id: 'outcomes',
            label: 'Which outcomes does it target?',
            kind: 'multiselect',
            required: true,
            options: OUTCOMES.map((o) => ({ value: o.id, label: `${OUTCOME_GROUP_LABELS[o.group]}: ${o.label}` })),
          },
        ],
        'Thank you for sharing an idea. Please describe it in plain words; a project manager will check it against the basic criteria.',
      );
    case 'criteria':
      return make(
        `Basic criteria: ${idea}`,
        'Save check',
        [
          {
            id: 'met',
            label: 'Which basic criteria does the idea meet?',
            kind: 'checkboxes',
            required: false,
            options: BASIC_CRITERIA.map((c) => ({ value: c.id, label: c.label })),
          },
          area('note', 'Note (optional)', 2000, { required: false }),
        ],
        'Tick each criterion the idea meets. It moves on when all five are met.',
      );
    case 'evidence':
      return make(`Evidence from elsewhere: ${idea}`, 'Add evidence', [
        text('source', 'Where was similar work done? (the source)', 500),
        area('whatHappened', 'What happened?', 4000),
        area('lesson', 'What lesson can we learn?', 4000),
      ]);
    case 'no_precedent':
      return make(`No precedent found: ${idea}`, 'Record', [area('note', 'Where did you look?', 2000)]);
    case 'outline':
      return make(
        `Outline proposal: ${idea}`,
        'Save outline',
        [
          area('objectives', 'Objectives', 4000),
          area('cohort', 'Cohort: who will take part?', 2000),
          { id: 'cohortSize', label: 'Cohort size (number of people)', kind: 'number', required: true },
          { id: 'durationMonths', label: 'Duration (months)', kind: 'number', required: true },
          area('approach', 'Approach', 4000),
          area('risks', 'Risks', 4000),
        ],
        `Pilot principles: ${PILOT_PRINCIPLES.join('; ')}.`,
      );
    case 'shortlist':
      return make(`Shortlisting decision: ${idea}`, 'Record decision', [
        {
          id: 'shortlisted',
          label: 'Shortlist this idea?',
          kind: 'select',
          required: true,
          options: [
            { value: 'yes', label: 'Yes, shortlist it' },
            { value: 'no', label: 'No' },
          ],
        },
        {
          id: 'override',
          label: 'Is this an override of a low score?',
          kind: 'select',
          required: true,
          options: yesNo,
          initial: 'no',
        },
        area('reason', 'Reason (needed for an override)', 2000, { required: false }),
      ]);
    case 'funding':
      return make(`Funding: ${idea}`, 'Save funding', [
        {
          id: 'source',
          label: 'Funding source',
          kind: 'select',
          required: true,
          options: FUNDING_SOURCES.map((f) => ({ value: f.id, label: f.label })),
        },
        text('sourceDetail', 'Detail (optional, e.g. which grant)', 500, { required: false }),
        { id: 'amount', label: 'Amount (£)', kind: 'number', required: true },
        text('budgetHolder', 'Budget holder', 200),
      ]);
    case 'interest':
      return make(
        `Provider interest: ${idea}`,
        'Send expression of interest',
        [
          text('providerName', 'Provider name', 200),
          text('contact', 'Contact (optional)', 200, { required: false }),
          area('summary', 'What could you offer?', 4000),
          {
            id: 'hasConflict',
            label: 'Do you have a conflict of interest?',
            kind: 'select',
            required: true,
            options: yesNo,
          },
          area('conflictDetail', 'If yes, please describe it', 2000, { required: false }),
        ],
        'Every expression of interest carries a conflict-of-interest declaration.',
      );
    case 'specialists':
      return make(`Specialist sign-offs needed: ${idea}`, 'Save', [
        {
          id: 'areas',
          label: 'Which specialist areas must sign off?',
          kind: 'checkboxes',
          required: false,
          options: SPECIALIST_AREAS.map((a) => ({ value: a, label: SPECIALIST_LABELS[a] })),
        },
      ]);
    case 'signoff':
      return make(`Specialist sign-off: ${idea}`, 'Sign off', [
        {
          id: 'area',
          label: 'Your area',
          kind: 'select',
          required: true,
          options: SPECIALIST_AREAS.map((a) => ({ value: a, label: SPECIALIST_LABELS[a] })),
          initial: context.area,
        },
        area('note', 'Note (optional)', 2000, { required: false }),
      ]);
    case 'final':
      return make(`Final proposal: ${idea}`, 'Save final proposal', [
        area('evaluation', 'How will the pilot be evaluated?', 4000),
        area('benefits', 'Benefits', 4000),
        area('successCriteria', 'Measurable success criteria', 4000),
      ]);
    case 'decision':
      return make(`JCC decision: ${idea}`, 'Record decision', [
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
      ]);
    case 'comment':
      return make(`Comment on ${idea}`, 'Add comment', [area('text', 'Your comment', 3000)]);
    case 'vote_support':
      return make('Your vote', 'Send my vote', [
        {
          id: 'choice',
          label: 'Your view',
          kind: 'select',
          required: true,
          options: [
            { value: 'support', label: 'Support' },
            { value: 'neutral', label: 'Neutral' },
            { value: 'oppose', label: 'Oppose' },
          ],
        },
        area('reason', 'Why? (optional)', 1000, { required: false }),
        area('conflict', 'Any conflict of interest? (providers: please declare it here)', 1000, { required: false }),
      ]);
    case 'vote_score':
      return make(
        'Score this idea',
        'Send my scores',
        [
          ...priorities.map((p) => ({
            id: `score_${p.id}`,
            label: p.label,
            kind: 'select' as const,
            required: true,
            options: ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v })),
          })),
          area('conflict', 'Any conflict of interest? (providers: please declare it here)', 1000, { required: false }),
        ],
        'Score from 1 (low) to 5 (high) on each priority.',
      );
  }
}

/** Turns submitted form values (strings from chat platforms) into the typed input of the form's schema. */
export function coerceFormValues(form: Form, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of form.fields) {
    const raw = values[field.id];
    if (field.kind === 'checkboxes' || field.kind === 'multiselect') {
      out[field.id] = Array.isArray(raw)
        ? raw.map(asText)
        : typeof raw === 'string' && raw
          ? raw
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [];
    } else if (field.kind === 'number') {
      const str = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.replace(/[£,\s]/g, '') : '';
      out[field.id] = str === '' ? undefined : Number.isFinite(Number(str)) ? Number(str) : str;
    } else if (raw === undefined || raw === null) {
      out[field.id] = undefined;
    } else {
      out[field.id] = asText(raw);
    }
  }
  return out;
}

/**
 * A number or boolean as text. Anything else that is not a string (an object or array from a card's
 * JSON) is left as it is for the form's schema to refuse: String() of `{"toString":"x"}` throws.
 */
function asText(raw: unknown): unknown {
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
}
