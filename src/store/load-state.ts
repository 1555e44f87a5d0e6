import { journalPath, listJournalGenerations, readJournal, removeJournalsBefore } from './journal-files.js';
import { readSnapshot } from './snapshot-file.js';
import { toStoreOp } from './store-op.js';
import { StoreState } from './store-state.js';

/**
 * Rebuilds the embedded store from a data directory: the snapshot, then every journal of its
 * generation or later, in order. Returns the state, the generation to keep appending to, and whether the
 * snapshot is in an earlier release's format (the store then rewrites it in this one's).
 */
export async function loadState(
  dir: string,
): Promise<{ state: StoreState; generation: number; oldSnapshotFormat: boolean }> {
  const state = new StoreState();
  // Applied op by op as the snapshot is read: the whole store never sits in memory as text.
  const snapshot = await readSnapshot(dir, (op) => state.apply(op));
  const base = snapshot?.generation ?? 1;
  // Older journals are already inside the snapshot: a crash after the snapshot's rename left them behind.
  await removeJournalsBefore(dir, base);
  const generations = (await listJournalGenerations(dir)).filter((g) => g >= base);
  for (const [index, generation] of generations.entries()) {
    const path = journalPath(dir, generation);
    // Only the newest journal can end in a torn write: older ones were fully synced before it was created.
    const bodies = await readJournal(path, index === generations.length - 1);
    for (const [line, body] of bodies.entries()) {
      try {
        state.apply(toStoreOp(JSON.parse(body)));
      } catch (error) {
        throw new Error(`Journal ${path} line ${line + 1} cannot be applied: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  }
  return { state, generation: generations.at(-1) ?? base, oldSnapshotFormat: snapshot?.oldFormat ?? false };
}
