import { PilotError } from '../../domain/pilot-error.js';
import type { Role } from '../../domain/reference-data.js';
import type { PilotRules, PilotServices } from './pilot-services.js';
import type { Caller, Reply } from '../../views/reply.js';

/** What a handler gets: who is calling (with their roles), the services, and the clock. */
export interface CommandContext {
  caller: Caller;
  roles: Role[];
  services: PilotServices;
  rules: PilotRules;
  now: Date;
}

/** Who may run an action: everyone, or the holders of any of these roles. */
export type Who = 'anyone' | readonly Role[];

/** One subcommand as data: its name, usage, who may run it, how its words are read, and its handler. */
export interface Command<A = unknown> {
  name: string;
  usage: string;
  summary: string;
  /** Roles allowed to run it; `anyone` for everyone. */
  who: Who;
  /** Reads the words after the subcommand into typed arguments; throws a PilotError naming the right usage. */
  parse(words: string[], rest: string): A;
  run(ctx: CommandContext, args: A): Promise<Reply>;
}

/** A command in the table: its description, and one call that reads its words and runs it with their type kept. */
export interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
  who: Who;
  invoke(ctx: CommandContext, words: string[], rest: string): Promise<Reply>;
}

/** Defines a command; `parse` and `run` are checked against each other, and the entry keeps no cast. */
export function defineCommand<A>(command: Command<A>): CommandEntry {
  const { name, usage, summary, who } = command;
  return { name, usage, summary, who, invoke: (ctx, words, rest) => command.run(ctx, command.parse(words, rest)) };
}

/** True when the caller holds a role `who` allows. */
export function isAllowed(ctx: Pick<CommandContext, 'roles'>, who: Who): boolean {
  return who === 'anyone' || who.some((role) => ctx.roles.includes(role));
}

/** The one permission check of the command layer: commands, buttons and forms all refuse through it. */
export function permit(ctx: Pick<CommandContext, 'roles'>, who: Who, refusal: string): void {
  if (!isAllowed(ctx, who)) throw new PilotError('not_permitted', refusal);
}
