import type { Person } from '../../../domain/person.js';
import { PilotError } from '../../../domain/pilot-error.js';
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/reference-data.js';
import { cmd, strong } from '../../../views/inline.js';
import type { Reply } from '../../../views/reply.js';
import { FACILITATOR_GIVES } from '../../../workflows/people-service.js';
import { type CommandContext, defineCommand } from '../command.js';
import { readRegistered } from '../words.js';

const USAGE = 'people · people add <name> <role> · people rename <P-1> <name> · people remove <P-1>';

type PeopleArgs =
  | { action: 'list' }
  | { action: 'add'; name: string; roles: Role[] }
  | { action: 'rename'; personId: string; name: string }
  | { action: 'remove'; personId: string };

/** The roles word of `people add`: the last word, one role or several joined by commas. */
function readRoles(word: string | undefined): Role[] | undefined {
  const roles = word?.toLowerCase().split(',').filter(Boolean) ?? [];
  return roles.length > 0 && roles.every((r) => (ROLES as readonly string[]).includes(r))
    ? (roles as Role[])
    : undefined;
}

function readId(word: string | undefined, usage: string): string {
  const id = word ? readRegistered(word) : undefined;
  if (!id)
    throw new PilotError(
      'invalid_argument',
      `Which person? Write their number, like P-1 (see ${cmd('people')}). Usage: ${cmd(usage)}`,
    );
  return id;
}

function parse(words: string[]): PeopleArgs {
  const action = words[0]?.toLowerCase() ?? 'list';
  if (action === 'list') return { action: 'list' };
  if (action === 'add') {
    const roles = readRoles(words.at(-1));
    if (words.length < 3 || !roles)
      throw new PilotError(
        'missing_argument',
        `Please give the person’s name, then their role (${FACILITATOR_GIVES.join(' or ')}). For example: ${cmd('people add Mary J expert')}`,
      );
    return { action: 'add', name: words.slice(1, -1).join(' '), roles };
  }
  if (action === 'rename') {
    const usage = 'people rename <P-1> <name>';
    const name = words.slice(2).join(' ');
    if (!name) throw new PilotError('missing_argument', `What is their name now? Usage: ${cmd(usage)}`);
    return { action: 'rename', personId: readId(words[1], usage), name };
  }
  if (action === 'remove') return { action: 'remove', personId: readId(words[1], 'people remove <P-1>') };
  throw new PilotError('invalid_argument', `I don’t know “people ${action.slice(0, 30)}”. Usage: ${cmd(USAGE)}`);
}

/** One registered person, for facilitators and admins: number, name, roles, who registered them. */
function line(person: Person): string {
  const roles = person.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'no role';
  return `${strong(person.id.slice('person:'.length))} ${person.displayName ?? ''}: ${roles}`;
}

/**
 * A private answer. `lasting` is what may be said instead where the answer would stay in view of others
 * (a Teams thread, when no private chat can be had): never a name.
 */
function text(message: string, lasting: string, context?: string): Reply {
  return {
    visibility: 'private',
    text: message,
    blocks: [{ kind: 'text', text: message }, ...(context ? [{ kind: 'context' as const, text: context }] : [])],
    lastingText: lasting,
  };
}

const ONLY_PRIVATELY =
  'I can only show people’s names in a private chat with you. Please start a chat with me, then ask again.';

const KEEP_PRIVATE =
  'These names belong to people who use care services or care for someone. Keep them to yourself; the bot shows them only to facilitators and admins.';

async function list(ctx: CommandContext): Promise<Reply> {
  const people = await ctx.services.people.registeredPeople();
  if (people.length === 0)
    return text(
      `No one is registered yet. To register someone who takes part away from chat: ${cmd('people add <name> <role>')}.`,
      ONLY_PRIVATELY,
    );
  return {
    visibility: 'private',
    text: `People taking part away from chat (${people.length})`,
    blocks: [
      { kind: 'heading', text: 'People taking part away from chat' },
      { kind: 'list', items: people.map(line) },
      { kind: 'context', text: KEEP_PRIVATE },
    ],
    lastingText: ONLY_PRIVATELY,
  };
}

/** `people`: facilitators and admins register, correct and remove people who have no chat account (SPEC 3.1). */
export const peopleCommand = defineCommand<PeopleArgs>({
  name: 'people',
  usage: USAGE,
  summary: 'register people who take part away from chat (facilitators)',
  who: ['facilitator', 'admin'],
  parse,
  run: async (ctx, args) => {
    const people = ctx.services.people;
    const actor = ctx.caller.personId;
    switch (args.action) {
      case 'list':
        return list(ctx);
      case 'add': {
        const person = await people.register(actor, ctx.roles, args.name, args.roles);
        const number = person.id.slice('person:'.length);
        const roles = person.roles.map((r) => ROLE_LABELS[r]).join(', ');
        return text(
          `${person.displayName} is registered as ${strong(number)} (${roles}). To record their vote, use “Record a vote for someone” on the voting message.`,
          `Done: registered as ${strong(number)} (${roles}).`,
          `We keep only the name you typed, the role, and who registered them. To correct the name: ${cmd(`people rename ${number} <name>`)}. To remove them: ${cmd(`people remove ${number}`)}.`,
        );
      }
      case 'rename': {
        const person = await people.rename(actor, args.personId, args.name);
        const number = strong(person.id.slice('person:'.length));
        return text(`${number} is now called ${person.displayName}.`, `Done: ${number}’s name is corrected.`);
      }
      case 'remove': {
        await people.unregister(actor, args.personId);
        const removed = `${strong(args.personId.slice('person:'.length))} has been removed. Their name is deleted; votes already recorded for them still count, without their name.`;
        return text(removed, removed);
      }
    }
  },
});
