import type { Store } from '../store/store.js';

/**
 * The votes on an idea (round ids, in order) in which a person declared a conflict of interest, from
 * the declarations stored apart from ballots (SPEC 3.1). An answer of "none" is not a conflict.
 */
export async function conflictRoundsOf(store: Store, ideaId: string, personId: string): Promise<string[]> {
  const declarations = await store.listConflicts({ ideaId });
  return declarations
    .filter((d) => d.personId === personId && d.detail !== null)
    .map((d) => d.roundId)
    .sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
}
