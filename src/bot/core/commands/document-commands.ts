import { PilotError } from '../../../domain/pilot-error.js';
import { type CommandContext, type CommandEntry, defineCommand } from '../command.js';
import type { Reply } from '../../../views/reply.js';
import { readIdeaId } from '../words.js';
import { calendarDay } from '../../../domain/text.js';
import { cmd } from '../../../views/inline.js';

function documents(ctx: CommandContext) {
  const docs = ctx.services.documents;
  if (!docs)
    throw new PilotError(
      'coming_soon',
      'Business cases, reports and exports are not switched on in this installation yet.',
    );
  return docs;
}

/** case, report, export. */
export const documentCommands: CommandEntry[] = [
  defineCommand({
    name: 'case',
    usage: 'case <ID>',
    summary: 'the JCC business-case draft (stage 5 onwards)',
    who: ['pm'],
    parse: (words) => ({ id: readIdeaId(words[0], 'case <ID>') }),
    run: (ctx, args): Promise<Reply> => documents(ctx).businessCase(args.id, ctx.caller.personId),
  }),
  defineCommand({
    name: 'pack',
    usage: 'pack <YYYY-MM-DD>',
    summary: 'the meeting pack for a JCC date: every paper at stage 8 for that meeting',
    who: ['pm'],
    parse: (words) => {
      const day = calendarDay('The committee date').safeParse(words[0] ?? '');
      if (!day.success)
        throw new PilotError(
          'invalid_argument',
          `${day.error.issues[0]?.message ?? 'Which day?'} Usage: ${cmd('pack <YYYY-MM-DD>')}`,
        );
      return { day: day.data };
    },
    run: (ctx, args): Promise<Reply> => documents(ctx).meetingPack(args.day, ctx.caller.personId),
  }),
  defineCommand({
    name: 'report',
    usage: 'report',
    summary: 'the funnel: ideas per stage, time in stage, outcomes covered',
    who: 'anyone',
    parse: () => ({}),
    run: (ctx): Promise<Reply> => documents(ctx).report(ctx.now),
  }),
  defineCommand({
    name: 'export',
    usage: 'export',
    summary: 'a CSV of the pipeline (anonymous votes excluded)',
    who: ['pm'],
    parse: () => ({}),
    run: (ctx): Promise<Reply> => documents(ctx).exportCsv(),
  }),
];
