import type { ArtefactRegistry } from '../artefacts/artefact-registry.js';
import type { Idea } from '../domain/idea.js';
import type { Store } from '../store/store.js';
import type { GateFacts } from './gates.js';

/** Gathers what an idea's gates look at: its artefacts, the round its shortlisting rests on, and the declared artefacts. */
export async function gateFactsFor(
  store: Store,
  idea: Idea,
  lowScoreThreshold: number,
  registry?: ArtefactRegistry,
  now?: Date,
): Promise<GateFacts> {
  const roundId = idea.artefacts.shortlist?.roundId ?? idea.latestRoundId;
  const round = roundId ? await store.getRound(roundId) : null;
  // A running pilot's gate looks for a closed feedback vote; earlier gates never need the idea's other rounds.
  const feedbackRounds =
    idea.status === 'live'
      ? (await store.listRounds({ ideaId: idea.id }))
          .filter((r) => r.kind === 'support')
          .map((r) => ({ id: r.id, status: r.status, openedAt: r.openedAt, result: r.result }))
      : [];
  return {
    artefacts: idea.artefacts,
    shortlistRound: round ? { id: round.id, kind: round.kind, status: round.status, result: round.result } : undefined,
    lowScoreThreshold,
    history: idea.history,
    engagements: idea.engagements ?? [],
    feedbackRounds,
    ...(now ? { today: now.toISOString().slice(0, 10) } : {}),
    ...(registry ? { registry } : {}),
  };
}
