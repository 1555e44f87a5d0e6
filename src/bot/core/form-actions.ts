import { z } from 'zod';
import type { Idea } from '../../domain/idea.js';
import type { AnyArtefact } from '../../artefacts/artefact-registry.js';
import type { FormLookups } from '../../artefacts/define-artefact.js';
import { ROLE_LABELS, STATUS_LABELS } from '../../domain/reference-data.js';
import { lessonOf, measuresOf, type PastLesson } from '../../artefacts/pilot.js';
import type { Measure } from '../../domain/artefacts.js';
import { FIGURES_OPEN, mayRecord, recordCheckIn } from '../../workflows/check-ins.js';
import { PilotError } from '../../domain/pilot-error.js';
import { buildForm, coerceFormValues, type OtherFormId, recordVoteForm } from '../../views/forms.js';
import { submittedView } from '../../views/submitted-view.js';
import { type CommandContext, permit, type Who } from './command.js';
import type { Form, Reply } from '../../views/reply.js';
import { castVote, recordedVoteReply } from './vote-actions.js';
import type { Person } from '../../domain/person.js';
import { consentSchema, type Round } from '../../domain/voting.js';

import { describeVoters } from '../../views/round-views.js';
import { cmd } from '../../views/inline.js';
import { readRegistered } from './words.js';
import { castVerdict } from '../../workflows/voting-machine.js';
import { mustDeclareConflict } from '../../domain/voting.js';
import { yes } from '../../views/form-fields.js';
import { constituencyOf } from '../../workflows/tally.js';
import { logEngagement, refuseEngagementOn } from '../../workflows/log-engagement.js';
import { loadIdea } from '../../workflows/mutate-idea.js';
import { engagementLoggedView } from '../../views/engagement-views.js';

/**
 * A form as data: who may open and send it, how it looks, and what sending it does. Stage artefacts'
 * forms are made from their declarations (src/artefacts); the others are the entries below.
 */
interface FormAction {
  who: Who;
  refusal: string;
  build(ctx: CommandContext, context: Record<string, string>): Form | Promise<Form>;
  /** Refuses before the form opens when sending it could only be refused (a closed vote, one for others). */
  beforeOpen?(ctx: CommandContext, context: Record<string, string>): Promise<void>;
  /** What to say instead of showing the form where others would see it (it lists names): see `Reply.lastingText`. */
  lastingText?: string;
  /** Runs the submitted values (already coerced from the form's strings to its field kinds). */
  run(ctx: CommandContext, input: Record<string, unknown>, context: Record<string, string>): Promise<Reply>;
}

const build =
  (formId: OtherFormId): FormAction['build'] =>
  (ctx, context) =>
    buildForm(formId, context, ctx.rules.priorities, ctx.services.deps.artefacts, asksConflict(ctx));
const ANYONE = { who: 'anyone', refusal: '' } as const;

/** Whether the vote forms ask this caller the conflict question (providers, SPEC 3.1). */
function asksConflict(ctx: CommandContext): boolean {
  return mustDeclareConflict(constituencyOf(ctx.roles));
}

/** A vote form opens only for someone whose vote would be taken now (the round's machine decides). */
async function mayVote(ctx: CommandContext, context: Record<string, string>): Promise<void> {
  await ctx.services.voting.checkMayVote({ personId: ctx.caller.personId, roles: ctx.roles }, checkedRoundId(context));
}

/** A score form's scores, by priority id. */
function scoresOf(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input)
      .filter(([k]) => k.startsWith('score_'))
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k.slice(6), typeof v === 'string' ? Number(v) : v]),
  );
}

/** The round id a vote button or form carries, checked (and never echoed back). */
function checkedRoundId(context: Record<string, string>): string {
  if (!context.roundId || !/^R-\d+$/.test(context.roundId))
    throw new PilotError(
      'invalid_input',
      'This vote button lost track of its round. Please use the latest vote message.',
    );
  return context.roundId;
}

/** People registered without a chat account who may take part in the round (they hold an eligible role). */
async function recordablePeople(ctx: CommandContext, round: Round): Promise<Person[]> {
  return (await ctx.services.people.registeredPeople()).filter((p) =>
    p.roles.some((r) => round.eligibleRoles.includes(r)),
  );
}

/** A vote form's conflict answer: the question's "no"/"yes" as a boolean, and what the conflict is. */
function conflictAnswer(input: Record<string, unknown>): Record<string, unknown> {
  return { hasConflict: yes(input.hasConflict), conflict: input.conflict };
}

/** The forms that are not stage artefacts. */
const OTHER_FORMS: Record<OtherFormId, FormAction> = {
  submit: {
    ...ANYONE,
    build: build('submit'),
    run: async (ctx, input) => {
      const { idea, similar, lessons } = await ctx.services.pipeline.submit(ctx.caller.personId, input);
      return submittedView(idea, similar, lessons);
    },
  },
  comment: {
    ...ANYONE,
    build: build('comment'),
    run: async (ctx, input, context) => {
      const text = typeof input.text === 'string' ? input.text : '';
      const idea = await ctx.services.pipeline.comment(ctx.caller.personId, ideaIdOf(context), text);
      return { visibility: 'private', text: `Thank you, your comment on ${idea.id} has been added.`, blocks: [] };
    },
  },
  // Offline engagement (SPEC 3.1): facilitators and PMs; not on an idea that was withdrawn or rejected.
  consult: {
    who: ['facilitator', 'pm'],
    refusal: 'Only a facilitator or a project manager can log offline engagement.',
    beforeOpen: async (ctx, context) => refuseEngagementOn(await loadIdea(ctx.services.deps.store, ideaIdOf(context))),
    build: build('consult'),
    run: async (ctx, input, context) => {
      const { idea, engagement } = await logEngagement(
        ctx.services.deps,
        ctx.caller.personId,
        ideaIdOf(context),
        input,
      );
      return engagementLoggedView(idea, engagement);
    },
  },
  // A pilot measure's figure (SPEC 2.2): its owner (from the check-in message) or a PM; the service checks which.
  checkin: {
    ...ANYONE,
    beforeOpen: async (ctx, context) => {
      const idea = await loadIdea(ctx.services.deps.store, ideaIdOf(context));
      if (!FIGURES_OPEN.includes(idea.status))
        throw new PilotError(
          'invalid_transition',
          `${idea.id} is ${STATUS_LABELS[idea.status].toLowerCase()}, so figures for its measures can't be recorded now.`,
        );
      if (recordableMeasures(idea, ctx).length === 0)
        throw new PilotError(
          'not_permitted',
          `There is no measure on ${idea.id} whose figure you can record: only the person who records a measure, or a project manager, can.`,
        );
    },
    build: async (ctx, context) => {
      const idea = await loadIdea(ctx.services.deps.store, ideaIdOf(context));
      const measures = recordableMeasures(idea, ctx);
      return {
        formId: 'checkin',
        title: `A figure for ${idea.id}`,
        submitLabel: 'Record it',
        intro: `The pilot “${idea.title}”. Record where the measure stands today.`,
        context,
        fields: [
          {
            id: 'measure',
            label: 'Which measure?',
            kind: 'select',
            required: true,
            options: measures.map((m) => ({
              value: m.id,
              label: `${m.id} ${m.name} (target ${m.target} ${m.unit})`.slice(0, 75),
            })),
            ...(context.measure && measures.some((m) => m.id === context.measure) ? { initial: context.measure } : {}),
          },
          { id: 'value', label: 'The figure now', kind: 'number', required: true },
          {
            id: 'comment',
            label: 'Anything the figure does not show? (optional)',
            kind: 'textarea',
            required: false,
            maxLength: 2000,
          },
        ],
      };
    },
    run: async (ctx, input, context) => {
      const parsed = checkInInput.safeParse(input);
      if (!parsed.success)
        throw new PilotError('invalid_input', 'Please choose the measure and give the figure as a number.', {
          fieldErrors: { value: 'Please give the figure as a number.' },
        });
      const { idea, measure } = await recordCheckIn(
        ctx.services.deps,
        ctx.caller.personId,
        ctx.roles,
        ideaIdOf(context),
        parsed.data,
      );
      const result = measure.results!.at(-1)!;
      return {
        visibility: 'private',
        text: `Thank you. ${measure.id} ${measure.name} on ${idea.id} is now recorded as ${result.value} ${measure.unit} (target ${measure.target} ${measure.unit}).`,
        blocks: [],
      };
    },
  },
  // Who may vote is the round's own rule (its eligible roles), checked by the voting service.
  vote_support: {
    ...ANYONE,
    beforeOpen: mayVote,
    build: build('vote_support'),
    run: (ctx, input, context) =>
      castVote(ctx, context.roundId, {
        kind: 'support',
        choice: input.choice,
        reason: input.reason,
        ...conflictAnswer(input),
      }),
  },
  vote_score: {
    ...ANYONE,
    beforeOpen: mayVote,
    build: build('vote_score'),
    run: (ctx, input, context) =>
      castVote(ctx, context.roundId, { kind: 'score', scores: scoresOf(input), ...conflictAnswer(input) }),
  },
  // A facilitator records the vote of someone without a chat account (SPEC 3.1).
  vote_record: {
    who: ['facilitator'],
    lastingText:
      'This form lists people’s names, so I can only show it in a private chat with you. Please start a chat with me, then press the button again.',
    refusal:
      'Only a facilitator can record a vote for someone else. To give your own view, use the other buttons on the voting message.',
    beforeOpen: async (ctx, context) => {
      const round = await ctx.services.voting.loadRound(checkedRoundId(context));
      if (castVerdict(round, true, ctx.now) === 'closed')
        throw new PilotError('round_closed', 'This vote has closed, so no more votes can be recorded.');
      if ((await recordablePeople(ctx, round)).length === 0)
        throw new PilotError(
          'invalid_input',
          `No one registered away from chat can take part in this vote (it is for ${describeVoters(round.eligibleRoles)}). Register someone first: ${cmd('people add <name> <role>')}.`,
        );
    },
    build: async (ctx, context) => {
      const round = await ctx.services.voting.loadRound(checkedRoundId(context));
      const people = await recordablePeople(ctx, round);
      const providers = people.some((p) => mustDeclareConflict(constituencyOf(p.roles)));
      const options = people.map((p) => ({ id: p.id, label: `${p.id.slice(7)} ${p.displayName ?? ''}`.trim() }));
      return recordVoteForm(round, options, { roundId: round.id }, providers);
    },
    run: async (ctx, input, context) => {
      const round = await ctx.services.voting.loadRound(checkedRoundId(context));
      const personId = typeof input.person === 'string' ? readRegistered(input.person) : undefined;
      if (!personId)
        throw new PilotError('invalid_input', 'Please choose whose vote it is.', {
          fieldErrors: { person: 'Please choose a person (their number looks like P-3).' },
        });
      const consent = consentSchema.safeParse(input.consent);
      if (!consent.success)
        throw new PilotError('invalid_input', 'Please choose how they gave their consent.', {
          fieldErrors: { consent: 'Please choose how they gave their consent.' },
        });
      const ballot =
        round.kind === 'score'
          ? { kind: 'score', scores: scoresOf(input) }
          : { kind: 'support', choice: input.choice, reason: input.reason };
      const recorded = await ctx.services.voting.recordFor(ctx.caller.personId, round.id, personId, consent.data, {
        ...ballot,
        ...conflictAnswer(input),
      });
      return recordedVoteReply(recorded);
    },
  },
  // A provider's first one-click vote in a round: the conflict answer, sent with the choice it carried.
  vote_conflict: {
    ...ANYONE,
    build: build('vote_conflict'),
    run: async (ctx, input, context) => {
      const vote = { kind: 'support', choice: context.choice, ...conflictAnswer(input) };
      const reply = await castVote(ctx, context.roundId, vote);
      // It finishes a vote button's click, so the voter sees the round again, as after any other click.
      return { ...reply, refreshTo: { roundId: context.roundId as string } };
    },
  },
};

/** What the check-in form takes. */
const checkInInput = z.object({
  measure: z.string().regex(/^M[1-9][0-9]{0,3}$/),
  value: z.number().finite(),
  comment: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((c) => c || undefined),
});

/** The measures of an idea whose figure this caller may record, while figures can be recorded. */
function recordableMeasures(idea: Idea, ctx: CommandContext): Measure[] {
  if (!FIGURES_OPEN.includes(idea.status)) return [];
  return measuresOf(idea.artefacts).filter((m) => mayRecord(m, ctx.caller.personId, ctx.roles));
}

/** The store data an artefact's form offers as choices: people with a role (by name), past pilots' lessons. */
async function formLookups(ctx: CommandContext, wanted: readonly (keyof FormLookups)[]): Promise<FormLookups> {
  const lookups: FormLookups = { people: [], lessons: [] };
  if (wanted.includes('people')) {
    const people = await ctx.services.deps.store.listPeople();
    lookups.people = people
      .filter((p) => p.roles.length > 0 && !p.removedAt)
      .map((p) => ({ id: p.id, label: `${p.displayName ?? p.id} (${p.roles.map((r) => ROLE_LABELS[r]).join(', ')})` }))
      .sort((a, b) => a.label.localeCompare(b.label))
      .slice(0, 100) // a Slack select holds at most 100 options
      .map(({ id, label }) => ({ id, label: label.slice(0, 75) }));
  }
  if (wanted.includes('lessons')) {
    const finished = [
      ...(await ctx.services.deps.store.listIdeas({ status: 'mainstreamed' })),
      ...(await ctx.services.deps.store.listIdeas({ status: 'stopped' })),
    ];
    lookups.lessons = finished
      .map(lessonOf)
      .filter((l): l is PastLesson => l !== null)
      .sort((a, b) => Number(b.id.slice(3)) - Number(a.id.slice(3)))
      .slice(0, 100)
      .map((l) => ({ id: l.id, label: `${l.id} ${l.title} (${l.status})`.slice(0, 75) }));
  }
  return lookups;
}

/** A stage artefact's form, from its declaration. */
function artefactForm(artefact: AnyArtefact): FormAction {
  return {
    who: artefact.who.roles,
    refusal: artefact.who.refusal,
    build: async (ctx, context) =>
      buildForm(
        artefact.kind,
        context,
        ctx.rules.priorities,
        ctx.services.deps.artefacts,
        false,
        artefact.lookups ? await formLookups(ctx, artefact.lookups) : undefined,
      ),
    run: (ctx, input, context) => {
      const typed = artefact.fromForm?.(input) ?? input;
      artefact.permit?.(typed, ctx.roles);
      return recorded(ctx, ideaIdOf(context), artefact.kind, typed);
    },
  };
}

/** The form with this id, if the caller may use it; a clear refusal otherwise. */
function formFor(ctx: CommandContext, formId: string): FormAction {
  const artefact = ctx.services.deps.artefacts.byKind(formId);
  const form = artefact
    ? artefactForm(artefact)
    : Object.hasOwn(OTHER_FORMS, formId) && OTHER_FORMS[formId as OtherFormId];
  if (!form)
    throw new PilotError('invalid_input', 'That form is not one I know. Please start again from the idea’s message.');
  permit(ctx, form.who, form.refusal);
  return form;
}

/** Opens a form for the caller. */
export async function openForm(
  ctx: CommandContext,
  formId: string,
  context: Record<string, string>,
  { again = false }: { again?: boolean } = {},
): Promise<Reply> {
  const form = formFor(ctx, formId);
  // A form shown again with what was typed and a fixable error was already let open.
  if (!again) await form.beforeOpen?.(ctx, context);
  const built = await form.build(ctx, context);
  return {
    visibility: 'private',
    text: built.title,
    blocks: [{ kind: 'text', text: built.title }],
    form: built,
    ...(form.lastingText ? { lastingText: form.lastingText } : {}),
  };
}

/** Handles a submitted form: one path for every form (known, permitted, coerced, run). */
export async function submitForm(
  ctx: CommandContext,
  formId: string,
  values: Record<string, unknown>,
  context: Record<string, string>,
): Promise<Reply> {
  const form = formFor(ctx, formId);
  return form.run(ctx, coerceFormValues(await form.build(ctx, context), values), context);
}

function ideaIdOf(context: Record<string, string>): string {
  if (!context.ideaId || !/^IP-\d+$/i.test(context.ideaId))
    throw new PilotError(
      'invalid_input',
      'This form lost track of its idea. Please open it again from the idea’s message.',
    );
  return context.ideaId.toUpperCase();
}

async function recorded(ctx: CommandContext, id: string, kind: string, input: unknown): Promise<Reply> {
  const idea = await ctx.services.artefacts.record(ctx.caller.personId, id, kind, input);
  const missing = await ctx.services.pipeline.missing(idea);
  const text = `Saved for ${idea.id} “${idea.title}”.`;
  const next =
    missing.length === 0
      ? 'Everything this stage needs is in place: a PM can advance it.'
      : `This stage still needs: ${missing.join('; ')}.`;
  return {
    visibility: 'private',
    text: `${text} ${next}`,
    blocks: [
      { kind: 'text', text },
      { kind: 'context', text: next },
      { kind: 'buttons', buttons: [{ label: 'See the idea', actionId: 'idea.show', value: idea.id }] },
    ],
  };
}
