import { lastPlace } from '../../../domain/idea.js';
import { loadIdea } from '../../../workflows/mutate-idea.js';
import { STATUS_LABELS } from '../../../domain/reference-data.js';
import { ideaButtons } from '../../../views/idea-views.js';
import type { MoveKind } from '../../../workflows/pipeline-service.js';
import { type CommandContext, type CommandEntry, defineCommand, permit } from '../command.js';
import type { Reply } from '../../../views/reply.js';
import { readIdeaId, requireReason, textAfter } from '../words.js';

const PAST: Record<MoveKind, string> = {
  advance: 'moved on to',
  return: 'returned to',
  hold: 'put on hold at',
  resume: 'resumed at',
  reject: 'rejected at',
  withdraw: 'withdrawn at',
};

/** Runs a move and answers where the idea now is, visible to the team. */
export async function runMove(ctx: CommandContext, id: string, kind: MoveKind, reason?: string): Promise<Reply> {
  const idea = await ctx.services.pipeline.move(ctx.caller.personId, id, kind, reason);
  const where =
    kind === 'hold' || kind === 'reject' || kind === 'withdraw'
      ? STATUS_LABELS[lastPlace(idea)]
      : STATUS_LABELS[idea.status];
  const text = `${idea.id} “${idea.title}” has been ${PAST[kind]} ${where}${idea.status === 'approved' && kind === 'advance' ? ' (approved)' : ''} by ${ctx.caller.displayName ?? ctx.caller.personId}.${reason ? ` Reason: ${reason}` : ''}`;
  const missing = await ctx.services.pipeline.missing(idea);
  const buttons = ideaButtons(idea, ctx.services.deps.artefacts);
  return {
    visibility: 'public',
    text,
    blocks: [
      { kind: 'text', text },
      ...(missing.length > 0
        ? [{ kind: 'context' as const, text: `Next, this stage needs: ${missing.join('; ')}.` }]
        : []),
      ...(buttons.length > 0 ? [{ kind: 'buttons' as const, buttons }] : []),
    ],
  };
}

const move = (kind: MoveKind, usage: string, summary: string, reasonRequired: boolean): CommandEntry =>
  defineCommand({
    name: kind,
    usage,
    summary,
    who: ['pm'],
    parse: (words, rest) => {
      const id = readIdeaId(words[0], usage);
      const reason = textAfter(rest, 1);
      return { id, reason: reasonRequired ? requireReason(reason, usage) : reason || undefined };
    },
    run: (ctx, args) => runMove(ctx, args.id, kind, args.reason),
  });

/** advance, return, hold, resume, reject (PM) and withdraw (submitter or PM). */
export const moveCommands: CommandEntry[] = [
  move('advance', 'advance <ID> [note]', 'move an idea to the next stage if its gate holds', false),
  move('return', 'return <ID> <reason>', 'send an idea back one stage', true),
  move('hold', 'hold <ID> <reason>', 'put an idea on hold', true),
  move('resume', 'resume <ID>', 'resume an idea on hold where it left off', false),
  move('reject', 'reject <ID> <reason>', 'reject an idea', true),
  defineCommand({
    name: 'withdraw',
    usage: 'withdraw <ID> [reason]',
    summary: 'withdraw your own idea (PMs: any idea)',
    who: 'anyone',
    parse: (words, rest) => ({
      id: readIdeaId(words[0], 'withdraw <ID> [reason]'),
      reason: textAfter(rest, 1) || undefined,
    }),
    run: async (ctx, args) => {
      const current = await loadIdea(ctx.services.deps.store, args.id);
      // Their own idea, anyone may withdraw; any other, only a PM (the one permission check).
      if (current.submitterId !== ctx.caller.personId)
        permit(ctx, ['pm'], `Only the person who submitted ${args.id}, or a project manager, can withdraw it.`);
      return runMove(ctx, args.id, 'withdraw', args.reason);
    },
  }),
];
