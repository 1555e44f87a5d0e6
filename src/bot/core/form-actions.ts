import { PilotError } from '../../domain/pilot-error.js';
import { type Role, SPECIALIST_AREAS } from '../../domain/reference-data.js';
import { buildForm, coerceFormValues, FORM_IDS, type FormId } from '../../views/forms.js';
import { submittedView } from '../../views/submitted-view.js';
import type { ArtefactKind } from '../../workflows/artefact-inputs.js';
import type { CommandContext } from './command.js';
import type { Reply } from './reply.js';
import { castVote } from './vote-actions.js';

const PM_FORMS: FormId[] = [
  'criteria',
  'evidence',
  'no_precedent',
  'outline',
  'shortlist',
  'funding',
  'specialists',
  'final',
  'decision',
];

/** Checks that a form id is known and that the caller may use it. */
export function checkFormAllowed(ctx: CommandContext, formId: string): FormId {
  if (!(FORM_IDS as readonly string[]).includes(formId))
    throw new PilotError('invalid_input', 'That form is not one I know. Please start again from the idea’s message.');
  const form = formId as FormId;
  const has = (...roles: Role[]) => roles.some((r) => ctx.roles.includes(r));
  if (PM_FORMS.includes(form) && !has('pm'))
    throw new PilotError('not_permitted', 'Only a project manager can fill in that form.');
  if (form === 'interest' && !has('provider', 'pm'))
    throw new PilotError(
      'not_permitted',
      'Expressions of interest come from care providers (or a project manager on their behalf).',
    );
  if (form === 'signoff' && !has(...SPECIALIST_AREAS))
    throw new PilotError(
      'not_permitted',
      'Sign-offs come from the specialists (procurement, finance, social work, applications).',
    );
  return form;
}

/** Opens a form for the caller. */
export function openForm(ctx: CommandContext, formId: string, context: Record<string, string>): Reply {
  const form = checkFormAllowed(ctx, formId);
  const built = buildForm(form, context, ctx.rules.priorities);
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
  const input = coerceFormValues(buildForm(form, context, ctx.rules.priorities), values);
  const me = ctx.caller.personId;
  const ideaId = () => {
    if (!context.ideaId || !/^IP-\d+$/i.test(context.ideaId))
      throw new PilotError(
        'invalid_input',
        'This form lost track of its idea. Please open it again from the idea’s message.',
      );
    return context.ideaId.toUpperCase();
  };
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
    case 'signoff':
      if (!ctx.roles.includes(input.area as Role))
        throw new PilotError('not_permitted', 'You can only sign off for your own specialist area.', {
          fieldErrors: { area: 'Choose your own specialist area.' },
        });
      return recorded(ctx, ideaId(), 'signoff', input);
    case 'shortlist':
      return recorded(ctx, ideaId(), 'shortlist', {
        ...input,
        shortlisted: yes(input.shortlisted),
        override: yes(input.override),
      });
    case 'interest':
      return recorded(ctx, ideaId(), 'interest', { ...input, hasConflict: yes(input.hasConflict) });
    default:
      return recorded(ctx, ideaId(), form, input);
  }
}

async function recorded(ctx: CommandContext, id: string, kind: ArtefactKind, input: unknown): Promise<Reply> {
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

function yes(value: unknown): boolean | unknown {
  if (value === 'yes' || value === 'true') return true;
  if (value === 'no' || value === 'false') return false;
  return value;
}
