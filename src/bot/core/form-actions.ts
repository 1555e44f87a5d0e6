import { PilotError } from '../../domain/pilot-error.js';
import { buildForm, coerceFormValues, OTHER_FORM_IDS } from '../../views/forms.js';
import { submittedView } from '../../views/submitted-view.js';
import type { CommandContext } from './command.js';
import type { Reply } from './reply.js';
import { castVote } from './vote-actions.js';

/** Checks that a form id is known and that the caller may use it (an artefact's `who` says who may). */
export function checkFormAllowed(ctx: CommandContext, formId: string): string {
  const artefact = ctx.services.deps.artefacts.byKind(formId);
  if (artefact) {
    if (!artefact.who.roles.some((role) => ctx.roles.includes(role)))
      throw new PilotError('not_permitted', artefact.who.refusal);
    return formId;
  }
  if (!(OTHER_FORM_IDS as readonly string[]).includes(formId))
    throw new PilotError('invalid_input', 'That form is not one I know. Please start again from the idea’s message.');
  return formId;
}

/** Opens a form for the caller. */
export function openForm(ctx: CommandContext, formId: string, context: Record<string, string>): Reply {
  const form = checkFormAllowed(ctx, formId);
  const built = buildForm(form, context, ctx.rules.priorities, ctx.services.deps.artefacts);
  return { visibility: 'private', text: built.title, blocks: [{ kind: 'text', text: built.title }], form: built };
}

/** Handles a submitted form: validates it and runs it through the services. */
export async function submitForm(
  ctx: CommandContext,
  formId: string,
  values: Record<string, unknown>,
  context: Record<string, string>,
): Promise<Reply> {
  const form = checkFormAllowed(ctx, formId);
  const input = coerceFormValues(buildForm(form, context, ctx.rules.priorities, ctx.services.deps.artefacts), values);
  const me = ctx.caller.personId;
  const ideaId = () => {
    if (!context.ideaId || !/^IP-\d+$/i.test(context.ideaId))
      throw new PilotError(
        'invalid_input',
        'This form lost track of its idea. Please open it again from the idea’s message.',
      );
    return context.ideaId.toUpperCase();
  };
  const artefact = ctx.services.deps.artefacts.byKind(form);
  if (artefact) {
    const typed = artefact.fromForm?.(input) ?? input;
    artefact.permit?.(typed, ctx.roles);
    return recorded(ctx, ideaId(), artefact.kind, typed);
  }
  switch (form) {
    case 'submit': {
      const { idea, similar } = await ctx.services.pipeline.submit(me, input);
      return submittedView(idea, similar);
    }
    case 'comment': {
      const text = typeof input.text === 'string' ? input.text : '';
      const idea = await ctx.services.pipeline.comment(me, ideaId(), text);
      return { visibility: 'private', text: `Thank you, your comment on ${idea.id} has been added.`, blocks: [] };
    }
    case 'vote_support':
      return castVote(ctx, context.roundId, {
        kind: 'support',
        choice: input.choice,
        reason: input.reason,
        conflict: input.conflict,
      });
    case 'vote_score': {
      const scores = Object.fromEntries(
        Object.entries(input)
          .filter(([k]) => k.startsWith('score_'))
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [k.slice(6), typeof v === 'string' ? Number(v) : v]),
      );
      return castVote(ctx, context.roundId, { kind: 'score', scores, conflict: input.conflict });
    }
    default:
      throw new PilotError('invalid_input', 'That form is not one I know. Please start again from the idea’s message.');
  }
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
