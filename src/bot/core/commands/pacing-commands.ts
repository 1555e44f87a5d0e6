import { PilotError } from '../../../domain/pilot-error.js';
import { STATUS_LABELS } from '../../../domain/reference-data.js';
import { formatUkDay } from '../../../views/format-idea-line.js';
import { agendaView } from '../../../views/agenda-views.js';
import { cmd } from '../../../views/inline.js';
import { agendaFor } from '../../../workflows/agenda.js';
import { dueDaySchema, setDueDate } from '../../../workflows/set-due-date.js';
import { type CommandEntry, defineCommand } from '../command.js';
import { readIdeaId } from '../words.js';

const DUE_USAGE = 'due <ID> <YYYY-MM-DD>';

/** agenda (what waits on me) and due (a PM's target date for an idea's stage). */
export const pacingCommands: CommandEntry[] = [
  defineCommand({
    name: 'agenda',
    usage: 'agenda',
    summary: 'what waits on you: votes, sign-offs, ideas ready to move on, votes to close, overdue ideas',
    who: 'anyone',
    parse: () => ({}),
    run: async (ctx) => agendaView(await agendaFor(ctx.services, ctx.caller.personId)),
  }),
  defineCommand({
    name: 'due',
    usage: DUE_USAGE,
    summary: 'set the target date of an idea’s current stage',
    who: ['pm'],
    parse: (words) => {
      const id = readIdeaId(words[0], DUE_USAGE);
      if (!words[1])
        throw new PilotError(
          'missing_argument',
          `Please give the target date after the idea id. Usage: ${cmd(DUE_USAGE)}`,
        );
      const day = dueDaySchema.safeParse(words[1]);
      if (!day.success)
        throw new PilotError(
          'invalid_argument',
          `${day.error.issues[0]?.message ?? 'That is not a date.'} Usage: ${cmd(DUE_USAGE)}`,
        );
      return { id, day: day.data };
    },
    run: async (ctx, args) => {
      const idea = await setDueDate(ctx.services.deps, ctx.caller.personId, args.id, args.day);
      const text = `Thank you. ${idea.id} should move on from ${STATUS_LABELS[idea.status]} by ${formatUkDay(args.day)}; it will show as overdue after that.`;
      return { visibility: 'private', text, blocks: [{ kind: 'text', text }] };
    },
  }),
];
