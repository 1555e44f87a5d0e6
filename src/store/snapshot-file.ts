import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hasCode, syncDir, writeFileDurably } from './fs-sync.js';
import { type StoreOp, toStoreOp } from './store-op.js';

/** A full copy of the store: the ops that rebuild it, and the first journal generation not in it. */
export interface Snapshot {
  generation: number;
  ops: StoreOp[];
}

/** Path of the data directory's snapshot. */
export function snapshotPath(dir: string): string {
  return join(dir, 'snapshot.json');
}

/** Serialises a snapshot (done synchronously, so it captures one instant of the store). */
export function serialiseSnapshot(snapshot: Snapshot): string {
  return JSON.stringify({ format: 1, generation: snapshot.generation, ops: snapshot.ops });
}

/**
 * Replaces snapshot.json crash-safely: write a temp file, fsync it, rename it over, fsync the directory.
 * A crash at any point leaves either the old or the new snapshot whole.
 */
export async function writeSnapshot(dir: string, text: string): Promise<void> {
  const temp = `${snapshotPath(dir)}.tmp`;
  await writeFileDurably(temp, text);
  await rename(temp, snapshotPath(dir));
  await syncDir(dir);
}

/** Reads snapshot.json, or null when there is none yet; a leftover temp file from a crash is removed. */
export async function readSnapshot(dir: string): Promise<Snapshot | null> {
  const path = snapshotPath(dir);
  await rm(`${path}.tmp`, { force: true });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return null;
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !('generation' in parsed) || !('ops' in parsed)) {
      throw new Error('missing generation or ops');
    }
    const { generation, ops } = parsed;
    if (typeof generation !== 'number' || !Array.isArray(ops)) throw new Error('bad generation or ops');
    return { generation, ops: ops.map(toStoreOp) };
  } catch (error) {
    throw new Error(`Snapshot ${path} is unreadable (${(error as Error).message}): restore it from a backup`, {
      cause: error,
    });
  }
}
