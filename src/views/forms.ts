import {
  type ArtefactKind,
  type ArtefactRegistry,
  DEFAULT_ARTEFACTS,
  STAGE_ARTEFACTS,
} from '../artefacts/artefact-registry.js';
import { type FormLookups, OTHER_FORM_IDS } from '../artefacts/define-artefact.js';
import type { Form, FormField } from './reply.js';
import { DEFAULT_PRIORITIES, IDEA_SOURCES, OUTCOME_GROUP_LABELS, OUTCOMES } from '../domain/reference-data.js';
import { CONSENT_WAYS, SUPPORT_CHOICES } from '../domain/voting.js';
import { ENGAGEMENT_GROUPS, ENGAGEMENT_KINDS } from '../domain/engagement.js';
import { area, conflictFields, text } from './form-fields.js';

/** The forms that are not stage artefacts (those come from the artefact declarations). */
export { OTHER_FORM_IDS };
export type OtherFormId = (typeof OTHER_FORM_IDS)[number];

/** Every built-in form, by id; `context` carries the idea or round id back on submit. */
export const FORM_IDS: readonly (OtherFormId | ArtefactKind)[] = [
  'submit',
  ...STAGE_ARTEFACTS.map((a) => a.kind),
  'vote_support',
  'vote_score',
  'vote_conflict',
  'vote_record',
  'comment',
  'consult',
];
export type FormId = OtherFormId | ArtefactKind;

/**
 * Builds a form by id (an artefact's from its declaration), with the context it needs; callers check the
 * id first. `asksConflict`: the vote forms ask this voter the conflict question (providers, SPEC 3.1).
 */
export function buildForm(
  formId: string,
  context: Record<string, string>,
  priorities = DEFAULT_PRIORITIES,
  artefacts: ArtefactRegistry = DEFAULT_ARTEFACTS,
  asksConflict = false,
  lookups?: FormLookups,
): Form {
  const idea = context.ideaId ?? '';
  const make = (title: string, submitLabel: string, fields: FormField[], intro?: string): Form => ({
    formId,
    title,
    submitLabel,
    fields,
    context,
    intro,
  });
  const artefact = artefacts.byKind(formId);
  if (artefact) {
    const form = artefact.form(idea, context, lookups);
    return make(form.title, form.submitLabel, form.fields, form.intro);
  }
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
    case 'comment':
      return make(`Comment on ${idea}`, 'Add comment', [area('text', 'Your comment', 3000)]);
    case 'consult':
      return make(
        `Log engagement: ${idea}`,
        'Log it',
        [
          {
            id: 'kind',
            label: 'What kind of engagement was it?',
            kind: 'select',
            required: true,
            options: ENGAGEMENT_KINDS.map((k) => ({ value: k.id, label: k.label })),
          },
          { id: 'date', label: 'When did it take place?', kind: 'date', required: true },
          { id: 'numberOfPeople', label: 'How many people took part?', kind: 'number', required: true },
          {
            id: 'groups',
            label: 'Who took part?',
            kind: 'checkboxes',
            required: true,
            options: ENGAGEMENT_GROUPS.map((g) => ({ value: g.id, label: g.label })),
          },
          area('whatTheySaid', 'What did they say?', 4000, {
            hint: 'A summary in plain words. It goes into the business case, so please do not name members of the public.',
          }),
        ],
        `A workshop, focus group, survey, visit or phone calls about ${idea}, held away from chat. It is shown with the idea and carried into its business case.`,
      );
    case 'vote_support':
      return make('Your vote', 'Send my vote', [
        choiceField('Your view'),
        area('reason', 'Why? (optional)', 1000, { required: false }),
        ...conflictFields(asksConflict),
      ]);
    case 'vote_score':
      return make(
        'Score this idea',
        'Send my scores',
        [...scoreFields(priorities), ...conflictFields(asksConflict)],
        'Give each point a score from 1 (low) to 5 (high).',
      );
    case 'vote_conflict':
      // A provider's first one-click vote in a round: the question, with their choice carried in `context`.
      return make(
        'Conflict of interest',
        'Send my vote',
        conflictFields(true),
        `${choiceWords(context.choice)} Before we count it, one question. We ask it once in each vote, and we keep your answer apart from your vote.`,
      );
    case 'vote_record':
      // Built with the round and the people by `recordVoteForm`; from the id alone, a support round's form.
      return recordVoteForm({ kind: 'support', priorities }, [], context, asksConflict);
    default:
      throw new Error(`No form ${formId}`);
  }
}

/** Above this many people, the record form asks for a number (P-12) instead of a list (Slack lists hold 100). */
const MAX_LISTED_PEOPLE = 100;

/**
 * The facilitator's form to record the vote of someone without a chat account (SPEC 3.1): the person,
 * how they gave consent, and their vote as the round asks it. `asksConflict`: a provider may be chosen.
 */
export function recordVoteForm(
  round: { kind: 'support' | 'score'; priorities: readonly { id: string; label: string; short?: string }[] },
  people: { id: string; label: string }[],
  context: Record<string, string>,
  asksConflict: boolean,
): Form {
  const person: FormField =
    people.length > 0 && people.length <= MAX_LISTED_PEOPLE
      ? {
          id: 'person',
          label: 'Whose vote is it?',
          kind: 'select',
          required: true,
          options: people.map((p) => ({ value: p.id, label: p.label })),
        }
      : text('person', 'Whose vote is it? Their number, like P-3', 20, { hint: 'See the numbers with “people”.' });
  const consent: FormField = {
    id: 'consent',
    label: 'How did they give their consent?',
    kind: 'select',
    required: true,
    options: CONSENT_WAYS.map((c) => ({ value: c.id, label: c.label })),
  };
  const vote: FormField[] =
    round.kind === 'score'
      ? scoreFields(round.priorities)
      : [choiceField('Their view'), area('reason', 'Why? In their words (optional)', 1000, { required: false })];
  const conflict: FormField[] = asksConflict
    ? [
        {
          id: 'hasConflict',
          label: 'If they are a provider: do they have a conflict of interest in this idea?',
          kind: 'select',
          required: false,
          options: [
            { value: 'no', label: 'No, none' },
            { value: 'yes', label: 'Yes' },
          ],
        },
        area('conflict', 'If yes, what is it? A few words are enough.', 1000, { required: false }),
      ]
    : [];
  return {
    formId: 'vote_record',
    title: 'Record someone’s vote',
    submitLabel: 'Record their vote',
    fields: [person, consent, ...vote, ...conflict],
    context,
    intro:
      'For someone who takes part away from chat and has asked you to record their vote. It counts with their group like anyone’s and keeps this vote’s privacy. The record of who recorded it is kept for the council’s audit only.',
  };
}

/** A support vote's choice: support, neutral or oppose. */
function choiceField(label: string): FormField {
  return {
    id: 'choice',
    label,
    kind: 'select',
    required: true,
    options: SUPPORT_CHOICES.map((c) => ({ value: c, label: `${c.charAt(0).toUpperCase()}${c.slice(1)}` })),
  };
}

/** A score vote's fields: 1-5 on each priority, its everyday form first and the formal wording beside it (SPEC 3.1). */
function scoreFields(priorities: readonly { id: string; label: string; short?: string }[]): FormField[] {
  return priorities.map((p) => ({
    id: `score_${p.id}`,
    label: p.short ?? p.label,
    ...(p.short ? { hint: p.label } : {}),
    kind: 'select' as const,
    required: true,
    options: ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v })),
  }));
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
      out[field.id] = readNumber(raw);
    } else if (raw === undefined || raw === null) {
      out[field.id] = undefined;
    } else {
      out[field.id] = asText(raw);
    }
  }
  return out;
}

/**
 * A number as people type it: `12500`, `12,500`, `£12,500.50`, `-3`, `1.5`. Commas only separate thousands
 * (`1,5` is not read as fifteen, nor as one and a half); hexadecimal, exponents and the like are not numbers
 * here. Anything else is handed on as text, for the form's schema to refuse in words; empty is undefined.
 */
function readNumber(raw: unknown): unknown {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : String(raw);
  if (typeof raw !== 'string') return undefined;
  const str = raw.replace(/[£\s]/g, '');
  if (str === '') return undefined;
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(str)) return raw.trim();
  const value = Number(str.replace(/,/g, ''));
  return Number.isFinite(value) && Math.abs(value) < 1e15 ? value : raw.trim();
}

/**
 * A number or boolean as text. Anything else that is not a string (an object or array from a card's
 * JSON) is left as it is for the form's schema to refuse: String() of `{"toString":"x"}` throws.
 */
function asText(raw: unknown): unknown {
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
}

/** The choice a one-click vote carried, in words (anything else it might carry is not repeated). */
function choiceWords(choice: string | undefined): string {
  const known = SUPPORT_CHOICES.find((c) => c === choice);
  return known ? `You chose ${known.charAt(0).toUpperCase()}${known.slice(1)}.` : 'Thank you for voting.';
}
