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
): Promise<GateFacts> {
  const roundId = idea.artefacts.shortlist?.roundId ?? idea.latestRoundId;
  const round = roundId ? await store.getRound(roundId) : null;
  return {
    artefacts: idea.artefacts,
    shortlistRound: round ? { id: round.id, kind: round.kind, status: round.status, result: round.result } : undefined,
    lowScoreThreshold,
    history: idea.history,
    ...(registry ? { registry } : {}),
  };
}
