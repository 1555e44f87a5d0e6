import type { Idea } from '../domain/idea.js';
import type { Round } from '../domain/voting.js';
import type { Store } from '../store/store.js';
import { mutateIdea } from './mutate-idea.js';

/** Points an idea at a round just opened on it, with the `round.opened` audit event (the last write of opening a round). */
export async function pointIdeaAtRound(store: Store, round: Round): Promise<Idea> {
  const { after } = await mutateIdea(store, round.ideaId, (current) => ({
    idea: { ...current, latestRoundId: round.id, updatedAt: round.openedAt },
    events: [
      {
        type: 'round.opened',
        at: round.openedAt,
        actorId: round.openedBy,
        ideaId: round.ideaId,
        detail: { roundId: round.id, kind: round.kind },
      },
    ],
  }));
  return after;
}

/**
 * The idea, pointing at its newest round. Opening a round saves the round before the idea, so a crash
 * in between leaves a round its idea does not know: `vote close` could not reach it and `vote open`
 * would refuse for ever. This finishes such an interrupted open (found by the crash-safety test).
 */
export async function withLatestRound(store: Store, idea: Idea): Promise<Idea> {
  const newest = (await store.listRounds({ ideaId: idea.id })).at(-1);
  if (!newest || newest.id === idea.latestRoundId) return idea;
  return pointIdeaAtRound(store, newest);
}
