import { type CommandEntry, defineCommand, isAllowed } from '../command.js';
import { cmd } from '../../../views/inline.js';

/** Builds `help` from the registry, tailored to the caller's roles. */
export function helpCommand(all: () => CommandEntry[]): CommandEntry {
  return defineCommand({
    name: 'help',
    usage: 'help',
    summary: 'what you can do here',
    who: 'anyone',
    parse: () => ({}),
    run: async (ctx) => {
      const mine = all().filter((c) => isAllowed(ctx, c.who));
      const items = mine.map((c) => `${cmd(c.usage)}: ${c.summary}`);
      const roleLine =
        ctx.roles.length > 0
          ? `You are: ${ctx.roles.join(', ')}.`
          : 'Anyone can suggest ideas, follow them and comment.';
      return {
        visibility: 'private',
        text: 'Innovation pilot pipeline: what you can do',
        blocks: [
          { kind: 'heading', text: 'Innovation pilot pipeline: what you can do' },
          { kind: 'text', text: `${roleLine} Ideas have short ids like IP-3.` },
          { kind: 'list', items },
          {
            kind: 'context',
            text: `Forms for each stage (criteria, evidence, outline, funding…) open from the buttons under an idea: try ${cmd('show IP-1')}.`,
          },
        ],
      };
    },
  });
}
