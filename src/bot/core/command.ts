import type { Role } from '../../domain/reference-data.js';
import type { PilotRules, PilotServices } from './pilot-services.js';
import type { Action, Caller, Reply } from './reply.js';

/** What a handler gets: who is calling (with their roles), the services, and the clock. */
export interface CommandContext {
  caller: Caller;
  roles: Role[];
  services: PilotServices;
  rules: PilotRules;
  now: Date;
}

/** One subcommand as data: its name, usage, who may run it, how its words are read, and its handler. */
export interface Command<A = unknown> {
  name: string;
  usage: string;
  summary: string;
  /** Roles allowed to run it; `anyone` for everyone. */
  who: 'anyone' | Role[];
  /** Reads the words after the subcommand into typed arguments; throws a PilotError naming the right usage. */
  parse(words: string[], rest: string): A;
  run(ctx: CommandContext, args: A): Promise<Reply>;
}

/** Defines a command with its argument type inferred from `parse`. */
export function defineCommand<A>(command: Command<A>): Command<unknown> {
  return command as unknown as Command<unknown>;
}

/** A button or form handler, by action id. */
export type ActionHandler = (ctx: CommandContext, action: Exclude<Action, { kind: 'text' }>) => Promise<Reply>;
