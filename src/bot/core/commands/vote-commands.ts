import { PilotError } from '../../../domain/pilot-error.js';
import type { RoundKind } from '../../../domain/voting.js';
import { formatWhen } from '../../../views/format.js';
import { type CommandContext, type CommandEntry, defineCommand, permit } from '../command.js';
import type { Reply } from '../../../views/reply.js';
import { readIdeaId } from '../words.js';
import { cmd } from '../../../views/inline.js';

const USAGE = 'vote open <ID> [support|score] [hours] · vote close <ID> · vote status <ID>';

type VoteArgs = { sub: 'open'; id: string; kind?: RoundKind; hours?: number } | { sub: 'close' | 'status'; id: string };

function parseVote(words: string[]): VoteArgs {
  const sub = words[0]?.toLowerCase();
  if (sub !== 'open' && sub !== 'close' && sub !== 'status')
    throw new PilotError('missing_argument', `Usage: ${cmd(USAGE)}`);
  const id = readIdeaId(words[1], `vote ${sub} <ID>`);
  if (sub !== 'open') return { sub, id };
  let kind: RoundKind | undefined;
  let hours: number | undefined;
  for (const word of words.slice(2)) {
    const w = word.toLowerCase();
    if (w === 'support' || w === 'score') kind = w;
    else if (/^\d+(\.\d+)?h?$/.test(w) && Number.parseFloat(w) > 0 && Number.parseFloat(w) <= 24 * 60)
      hours = Number.parseFloat(w);
    else
      throw new PilotError(
        'invalid_argument',
        `“${word.slice(0, 40)}” is not a vote kind or a number of hours (up to 1440). Usage: ${cmd('vote open <ID> [support|score] [hours]')}`,
      );
  }
  return { sub, id, kind, hours };
}

async function status(ctx: CommandContext, id: string): Promise<Reply> {
  const round = await ctx.services.voting.roundForIdea(id);
  const { view } = await ctx.services.voting.currentView(round.id);
  return { ...view, visibility: 'private' };
}

/** vote open / close / status. */
export const voteCommands: CommandEntry[] = [
  defineCommand({
    name: 'vote',
    usage: USAGE,
    summary: 'open, close or check a vote in the forums',
    who: 'anyone',
    parse: parseVote,
    run: async (ctx, args) => {
      if (args.sub === 'status') return status(ctx, args.id);
      // `vote status` is for anyone; opening and closing are for PMs (the one permission check).
      permit(
        ctx,
        ['pm'],
        `Only a project manager can ${args.sub} a vote. You can check one with ${cmd(`vote status ${args.id}`)}.`,
      );
      if (args.sub === 'open') {
        const { round, idea } = await ctx.services.voting.open(ctx.caller.personId, args.id, args.kind, args.hours);
        const text = `A ${round.kind === 'score' ? 'scoring' : 'support'} vote (${round.id}) is open on ${idea.id} “${idea.title}” until ${formatWhen(round.closesAt)}. It has been posted in the forum channels.`;
        return { visibility: 'public', text, blocks: [{ kind: 'text', text }] };
      }
      const round = await ctx.services.voting.roundForIdea(args.id);
      const closed = await ctx.services.voting.close(ctx.caller.personId, round.id);
      const { view } = await ctx.services.voting.currentView(closed.id);
      return { ...view, text: `The vote ${closed.id} on ${closed.ideaId} is closed. ${view.text}` };
    },
  }),
];
