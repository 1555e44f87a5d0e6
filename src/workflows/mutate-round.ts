import { PilotError } from '../domain/pilot-error.js';
import type { Round } from '../domain/voting.js';
import type { Store } from '../store/store.js';
import { retryOnConflict } from './retry-on-conflict.js';

/** Loads a round or says plainly that there is none. */
export async function loadRound(store: Store, id: string): Promise<Round> {
  const round = await store.getRound(id);
  if (!round) throw new PilotError('round_not_found', `There is no vote ${id}.`);
  return round;
}

/**
 * Applies `change` to the current round and saves it with optimistic concurrency, re-reading and
 * re-applying when someone else saved first (as mutateIdea does for ideas). `change` may throw a PilotError.
 */
export async function mutateRound(
  store: Store,
  id: string,
  change: (current: Round) => Round | Promise<Round>,
): Promise<Round> {
  return retryOnConflict(`The vote ${id} is busy; please try again in a moment.`, async () => {
    const current = await loadRound(store, id);
    const next = await change(current);
    return store.saveRound(next, current.version);
  });
}
