import { PilotError } from '../../domain/pilot-error.js';
import { myVoteText } from '../../views/round-views.js';
import type { CommandContext } from './command.js';
import type { Reply } from '../../views/reply.js';
import type { Person } from '../../domain/person.js';
import { CONSTITUENCY_LABELS } from '../../domain/reference-data.js';
import type { Ballot, Round } from '../../domain/voting.js';
import { constituencyOf } from '../../workflows/tally.js';

/** Records the caller's vote and says back, privately, what their current vote is. */
export async function castVote(ctx: CommandContext, roundId: string | undefined, ballot: unknown): Promise<Reply> {
  checkRoundId(roundId);
  const {
    round,
    replaced,
    ballot: saved,
  } = await ctx.services.voting.cast({ personId: ctx.caller.personId, roles: ctx.roles }, roundId, ballot);
  const thanks = replaced ? 'Your vote has been changed.' : 'Thank you, your vote has been recorded.';
  const text = `${thanks} ${myVoteText(round, saved)}`;
  return { visibility: 'private', text, blocks: [{ kind: 'text', text }], lastingText: lasting(round, thanks) };
}

/**
 * Says back to the facilitator whose vote they recorded and what it is, privately. Only a person's number
 * and the name the facilitator typed appear; in an anonymous round a lasting copy leaves the choice out.
 */
export function recordedVoteReply(recorded: {
  round: Round;
  replaced: boolean;
  ballot: Ballot;
  person: Person;
}): Reply {
  const { round, replaced, ballot, person } = recorded;
  const name = `${person.id.slice('person:'.length)}${person.displayName ? ` (${person.displayName})` : ''}`;
  const thanks = replaced
    ? `Thank you. The vote you recorded for ${name} has been changed.`
    : `Thank you. The vote for ${name} has been recorded.`;
  const choice =
    ballot.kind === 'support'
      ? `Their view: ${ballot.choice}.`
      : `Their scores: ${round.priorities.map((p) => `${p.short ?? p.label} ${ballot.scores[p.id] ?? '–'}`).join('; ')}.`;
  const group = `It counts with the ${CONSTITUENCY_LABELS[constituencyOf(person.roles)].toLowerCase()}, and you can change it until the vote closes.`;
  const text = `${thanks} ${choice} ${group}`;
  return {
    visibility: 'private',
    text,
    blocks: [{ kind: 'text', text }],
    // Where it would stay in view of others (a Teams thread), nothing says whose vote it was or what it is.
    lastingText: 'Thank you, that is done. To keep it private, I do not say more here.',
    refreshTo: { roundId: round.id },
  };
}

/** An anonymous vote is never written into a lasting message: the voter is pointed to "My vote" instead. */
function lasting(round: { anonymous: boolean }, thanks: string): string | undefined {
  return round.anonymous
    ? `${thanks} To keep your vote private, we do not repeat it here: use “My vote” on the voting message to see it.`
    : undefined;
}

/** Tells the caller their own current vote in a round. */
export async function showMyVote(ctx: CommandContext, roundId: string): Promise<Reply> {
  checkRoundId(roundId);
  const round = await ctx.services.voting.loadRound(roundId);
  const ballot = await ctx.services.voting.myVote(ctx.caller.personId, roundId);
  const text = myVoteText(round, ballot);
  return {
    visibility: 'private',
    text,
    blocks: [{ kind: 'text', text }],
    lastingText:
      ballot && round.anonymous ? 'To keep your vote private, we only show it on the voting message.' : undefined,
  };
}

/** Refuses a round id a vote button or form should never carry (and never echoes it back). */
function checkRoundId(roundId: string | undefined): asserts roundId is string {
  if (!roundId || !/^R-\d+$/.test(roundId))
    throw new PilotError(
      'invalid_input',
      'This vote button lost track of its round. Please use the latest vote message.',
    );
}
