import { PilotError } from '../../../domain/pilot-error.js';
import { STATUS_LABELS } from '../../../domain/reference-data.js';
import { type CommandEntry, defineCommand } from '../command.js';
import { readIdeaId, textAfter } from '../words.js';
import { cmd } from '../../../views/inline.js';

const USAGE = 'decision <ID> approved|deferred|rejected [note]';

/** decision: records the JCC decision at stage 8. */
export const decisionCommand: CommandEntry = defineCommand({
  name: 'decision',
  usage: USAGE,
  summary: 'record the JCC decision at stage 8',
  who: ['pm'],
  parse: (words, rest) => {
    const id = readIdeaId(words[0], USAGE);
    const decision = words[1]?.toLowerCase();
    if (decision !== 'approved' && decision !== 'deferred' && decision !== 'rejected')
      throw new PilotError(words[1] ? 'invalid_argument' : 'missing_argument', `Which decision? Usage: ${cmd(USAGE)}`);
    return { id, decision, note: textAfter(rest, 2) || undefined };
  },
  run: async (ctx, args) => {
    const idea = await ctx.services.artefacts.record(ctx.caller.personId, args.id, 'decision', {
      decision: args.decision,
      note: args.note,
    });
    const text =
      args.decision === 'deferred'
        ? `The JCC deferred ${idea.id} “${idea.title}”; it stays at ${STATUS_LABELS[idea.status]}.`
        : `The JCC decision on ${idea.id} “${idea.title}” is recorded: ${args.decision}. It is now ${STATUS_LABELS[idea.status].toLowerCase()}.`;
    return { visibility: 'public', text, blocks: [{ kind: 'text', text }] };
  },
});
