import { isPilotError, PilotError } from '../../domain/pilot-error.js';
import type { CommandContext, Who } from './command.js';
import { runMove } from './commands/move-commands.js';
import { openForm } from './form-actions.js';
import type { ActionId, Reply } from '../../views/reply.js';
import { castVote, showMyVote } from './vote-actions.js';
import { readIdeaId } from './words.js';

/**
 * A button as data: who may press it, how its value is read into typed arguments, and what it does.
 * A button that does what a command does runs that command, so its words, roles and answer are the
 * command's own (`runs`).
 */
interface ButtonAction<A> {
  /** Who may press it, and the refusal for anyone else (a command button uses its command's). */
  who: Who;
  refusal?: string;
  read(value: string): A;
  run(ctx: CommandContext, args: A, runCommand: (text: string) => Promise<Reply>): Promise<Reply>;
  /** A vote button: the round it is about, read from its arguments; the clicker sees that round again (`refreshTo`). */
  roundOf?(args: A): string | undefined;
}

function button<A>(action: ButtonAction<A>): ButtonAction<unknown> {
  return action as ButtonAction<unknown>;
}

/** A button's JSON value as an object of strings (JSON fields can be anything; only strings are kept). */
function readJson(value: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
  } catch {}
  throw new PilotError('invalid_input', 'That button’s data was not readable. Please use a fresh message.');
}

/**
 * A one-click vote. A provider's first vote in a round needs their conflict answer (SPEC 3.1), so they
 * get the question on a small form carrying their choice; sending it records both.
 */
async function castOrAsk(ctx: CommandContext, roundId: string, choice: string | undefined): Promise<Reply> {
  try {
    return await castVote(ctx, roundId, { kind: 'support', choice });
  } catch (error) {
    // Raised only after the round, the voter and the choice have passed every other check.
    if (!isPilotError(error) || error.code !== 'conflict_answer_needed') throw error;
    return openForm(ctx, 'vote_conflict', { roundId, choice: choice ?? '' });
  }
}

const MOVE_REFUSAL = 'Only a project manager can move ideas between stages.';

/** Every button the core puts on a message, by action id. */
export const BUTTON_ACTIONS = {
  'idea.show': button({ who: 'anyone', read: (v) => v, run: (_ctx, id, command) => command(`show ${id}`) }),
  'idea.withdraw': button({ who: 'anyone', read: (v) => v, run: (_ctx, id, command) => command(`withdraw ${id}`) }),
  // Read like a typed id, so a stale or tampered value gets the short usage error, not itself echoed back.
  'idea.advance': button({
    who: ['pm'],
    refusal: MOVE_REFUSAL,
    read: (v) => readIdeaId(v, 'advance <ID>'),
    run: (ctx, id) => runMove(ctx, id, 'advance'),
  }),
  'idea.resume': button({
    who: ['pm'],
    refusal: MOVE_REFUSAL,
    read: (v) => readIdeaId(v, 'resume <ID>'),
    run: (ctx, id) => runMove(ctx, id, 'resume'),
  }),
  'vote.mine': button({
    who: 'anyone',
    read: (v) => v,
    run: (ctx, roundId) => showMyVote(ctx, roundId),
    roundOf: (roundId) => (/^R-\d+$/.test(roundId) ? roundId : undefined),
  }),
  'vote.cast': button({
    who: 'anyone',
    read: readJson,
    run: (ctx, v) => castOrAsk(ctx, v.roundId ?? '', v.choice),
    roundOf: (v) => (v.roundId && /^R-\d+$/.test(v.roundId) ? v.roundId : undefined),
  }),
  // Who may open a form is the form's own rule (an artefact's declaration, or anyone for the others).
  'form.open': button({
    who: 'anyone',
    read: readJson,
    run: (ctx, { form, ...context }) => openForm(ctx, form ?? '', context),
  }),
} satisfies Record<ActionId, ButtonAction<unknown>>;

/** The button's entry, or undefined for an id the core does not know (an old message, a tampered click). */
export function buttonAction(actionId: string): ButtonAction<unknown> | undefined {
  return Object.hasOwn(BUTTON_ACTIONS, actionId) ? BUTTON_ACTIONS[actionId as ActionId] : undefined;
}
