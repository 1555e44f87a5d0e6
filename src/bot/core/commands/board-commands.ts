import { PilotError } from '../../../domain/pilot-error.js';
import { cmd } from '../../../views/inline.js';
import { who } from '../../../views/format.js';
import type { Reply } from '../../../views/reply.js';
import { setPublished } from '../../../workflows/publish-idea.js';
import { type CommandContext, type CommandEntry, defineCommand } from '../command.js';
import { readIdeaId, readPerson } from '../words.js';

const BOARD_USAGE = 'board link [<user>] · board revoke <user>';

function board(ctx: CommandContext) {
  const features = ctx.services.board;
  if (!features)
    throw new PilotError('coming_soon', 'The read-only board is not switched on in this installation yet.');
  return features;
}

function say(text: string, more: string[] = []): Reply {
  return {
    visibility: 'private',
    text,
    blocks: [{ kind: 'text', text }, ...more.map((t) => ({ kind: 'context' as const, text: t }))],
  };
}

/**
 * A reply carrying a sign-in link: where it cannot be shown to the caller alone (a Teams channel where no
 * private chat can be had), only this is said, so nobody else in the channel can use the link first.
 */
function withLink(reply: Reply): Reply {
  return {
    ...reply,
    lastingText:
      'I could not show you the board link privately here, so I have not posted it. Please ask again in a private chat with me.',
  };
}

/** board link, board revoke, publish, unpublish. */
export const boardCommands: CommandEntry[] = [
  defineCommand({
    name: 'board',
    usage: BOARD_USAGE,
    summary: 'a personal sign-in link to the read-only board (for you, or a committee member), or end someone’s links',
    who: ['admin', 'pm'],
    parse: (words) => {
      const sub = words[0]?.toLowerCase();
      if (sub === 'link') return { revoke: false, person: words[1] ? readPerson(words[1], BOARD_USAGE) : undefined };
      if (sub === 'revoke') return { revoke: true, person: readPerson(words[1], 'board revoke <user>') };
      throw new PilotError('invalid_argument', `Do you want a link or to revoke one? Usage: ${cmd(BOARD_USAGE)}`);
    },
    run: async (ctx, args): Promise<Reply> => {
      const features = board(ctx);
      if (args.revoke && args.person) {
        await features.revoke(args.person, ctx.caller.personId, ctx.now);
        return say(
          `Done: every board link and session ${who(args.person)} had has ended. They can’t see the board’s unpublished pages until someone sends them a new link.`,
        );
      }
      const person = args.person ?? ctx.caller.personId;
      const link = await features.link(person, ctx.now);
      const forSelf = person === ctx.caller.personId;
      return withLink(
        say(
          forSelf
            ? `Your personal link to the board: ${link.url}`
            : `A personal link to the board for ${who(person)}: ${link.url}`,
          [
            `It works once, until ${link.expires}, and then keeps them signed in on that device for 8 hours.${forSelf ? '' : ' Please send it to them privately (for example by email), not in a channel.'}`,
            `To end it early: ${cmd(`board revoke ${person}`)}`,
          ],
        ),
      );
    },
  }),
  defineCommand({
    name: 'publish',
    usage: 'publish <ID>',
    summary: 'show an idea on the read-only board to everyone, without a link',
    who: ['admin'],
    parse: (words) => ({ id: readIdeaId(words[0], 'publish <ID>') }),
    run: async (ctx, args) => {
      const { idea, changed } = await setPublished(
        ctx.services.deps.store,
        args.id,
        true,
        ctx.caller.personId,
        ctx.now,
      );
      return say(
        changed
          ? `${idea.id} is now published: anyone can see it on the board, with its summary, votes (never who voted what) and business case.`
          : `${idea.id} was already published.`,
      );
    },
  }),
  defineCommand({
    name: 'unpublish',
    usage: 'unpublish <ID>',
    summary: 'take an idea off the public board (people with a link may still see it)',
    who: ['admin'],
    parse: (words) => ({ id: readIdeaId(words[0], 'unpublish <ID>') }),
    run: async (ctx, args) => {
      const { idea, changed } = await setPublished(
        ctx.services.deps.store,
        args.id,
        false,
        ctx.caller.personId,
        ctx.now,
      );
      return say(changed ? `${idea.id} is no longer published on the board.` : `${idea.id} was not published.`);
    },
  }),
];
