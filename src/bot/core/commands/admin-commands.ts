import { FORUMS, forumChannels } from '../../../workflows/forum-channels.js';
import { who } from '../../../views/format.js';
import { isRegisteredId } from '../../../domain/person.js';
import { PilotError } from '../../../domain/pilot-error.js';
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/reference-data.js';
import { type CommandEntry, defineCommand } from '../command.js';
import type { Reply } from '../../../views/reply.js';
import { readPerson } from '../words.js';
import { cmd } from '../../../views/inline.js';

const ROLE_USAGE = 'role <user|me> <role>[,<role>] · role remove <user|me> <role>';

/** A person named in `role`: `me` is the admin themself (resolved when the command runs). */
const personOrMe = (word: string | undefined) => (word?.toLowerCase() === 'me' ? 'me' : readPerson(word, ROLE_USAGE));

function readRoles(word: string | undefined): Role[] {
  if (!word)
    throw new PilotError('missing_argument', `Which role? Roles: ${ROLES.join(', ')}. Usage: ${cmd(ROLE_USAGE)}`);
  const roles = word.toLowerCase().split(',').filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0 || roles.length === 0)
    throw new PilotError(
      'invalid_argument',
      `“${unknown.join(', ').slice(0, 60)}” is not a role. Roles: ${ROLES.join(', ')}.`,
    );
  return roles as Role[];
}

/**
 * Who may see everyone's roles: the list names experts by experience, who use care services. Facilitators
 * see it too: they register and support the people in it (SPEC 1).
 */
const SEES_EVERY_ROLE: readonly Role[] = ['admin', 'pm', 'facilitator'];

/** The caller's own roles, in plain words, for everyone who may not see the whole list. */
function ownRoles(roles: Role[]): Reply {
  const names = ROLES.filter((r) => roles.includes(r)).map((r) => ROLE_LABELS[r]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  const text = list
    ? `Your ${names.length > 1 ? 'roles' : 'role'} here: ${list}. Thank you for taking part.`
    : 'You don’t have a role here yet, and that’s fine: anyone can submit ideas, follow them and add comments. If you help run the pipeline, ask an admin to give you a role.';
  return {
    visibility: 'private',
    text,
    blocks: [
      { kind: 'heading', text: 'Your roles' },
      { kind: 'text', text },
      {
        kind: 'context',
        text: 'To keep people’s details private, only admins, project managers and facilitators see who holds each role. Ask one of them if you need to know.',
      },
    ],
  };
}

/** role, roles, forum. */
export const adminCommands: CommandEntry[] = [
  defineCommand({
    name: 'role',
    usage: ROLE_USAGE,
    summary: 'give or remove roles',
    who: ['admin'],
    parse: (words) => {
      if (words[0]?.toLowerCase() === 'remove') {
        const roles = readRoles(words[2]);
        if (roles.length !== 1) throw new PilotError('invalid_argument', 'Remove one role at a time.');
        return { remove: true, person: personOrMe(words[1]), roles };
      }
      return { remove: false, person: personOrMe(words[0]), roles: readRoles(words[1]) };
    },
    run: async (ctx, args) => {
      const people = ctx.services.people;
      const person = args.person === 'me' ? ctx.caller.personId : args.person;
      const after = args.remove
        ? await people.remove(ctx.caller.personId, person, args.roles[0] as Role)
        : await people.assign(ctx.caller.personId, person, args.roles);
      const held = ROLES.filter((r) => after.includes(r)).map((r) => ROLE_LABELS[r]);
      const text = `${who(person)} now holds: ${held.length > 0 ? held.join(', ') : 'no roles'}.`;
      return { visibility: 'private', text, blocks: [{ kind: 'text', text }] };
    },
  }),
  defineCommand({
    name: 'roles',
    usage: 'roles',
    summary: 'your roles (admins, PMs and facilitators: who holds which role)',
    who: 'anyone',
    parse: () => ({}),
    run: async (ctx) => {
      if (!ctx.roles.some((r) => SEES_EVERY_ROLE.includes(r))) return ownRoles(ctx.roles);
      const people = await ctx.services.people.everyoneWithRoles();
      // The names of people registered without a chat account are for facilitators and admins only.
      const seesNames = ctx.roles.includes('admin') || ctx.roles.includes('facilitator');
      const items = ROLES.map((role) => {
        const holders = people
          .filter((p) => p.roles.includes(role))
          .map((p) =>
            isRegisteredId(p.id) && !seesNames
              ? who(p.id)
              : p.displayName
                ? `${p.displayName} (${isRegisteredId(p.id) ? who(p.id) : p.id})`
                : who(p.id),
          );
        return `${ROLE_LABELS[role]}: ${holders.length > 0 ? holders.join(', ') : 'nobody yet'}`;
      });
      return {
        visibility: 'private',
        text: 'Who holds which role',
        blocks: [
          { kind: 'heading', text: 'Who holds which role' },
          { kind: 'list', items },
          {
            kind: 'context',
            text: `Your roles: ${ctx.roles.map((r) => ROLE_LABELS[r]).join(', ')}. Keep this list to yourself: it names experts by experience, who use care services.`,
          },
        ],
      };
    },
  }),
  defineCommand({
    name: 'forum',
    usage: 'forum experts|providers',
    summary: 'make this channel the experts’ or providers’ forum',
    who: ['admin'],
    parse: (words) => {
      const which = FORUMS.find((forum) => forum === words[0]?.toLowerCase());
      if (!which)
        throw new PilotError(
          'missing_argument',
          `Which forum? Usage: ${cmd('forum experts')} or ${cmd('forum providers')}, run in the channel itself.`,
        );
      return { which };
    },
    run: async (ctx, args) => {
      const channel = ctx.caller.channelId;
      if (!channel || channel.endsWith(':dm'))
        throw new PilotError(
          'invalid_argument',
          'Run this in the channel that should become the forum, not in a direct message.',
        );
      await forumChannels(ctx.services.deps.store).set(args.which, ctx.caller.platform, channel);
      await ctx.services.deps.store.appendAudit({
        type: 'forum.set',
        at: ctx.now.toISOString(),
        actorId: ctx.caller.personId,
        detail: { forum: args.which, channel },
      });
      const text = `This channel is now the ${args.which === 'experts' ? 'experts by experience' : 'providers'}’ forum on ${ctx.caller.platform.charAt(0).toUpperCase()}${ctx.caller.platform.slice(1)}. Votes will be posted here.`;
      return { visibility: 'public', text, blocks: [{ kind: 'text', text }] };
    },
  }),
];
