import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { hasCode, syncDir } from './fs-sync.js';
import { type StoreOp, toStoreOp } from './store-op.js';

/** A full copy of the store: the ops that rebuild it, and the first journal generation not in it. */
export interface Snapshot {
  generation: number;
  ops: StoreOp[];
}

/** What reading a snapshot found: its generation, and whether it is in an earlier release's format. */
export interface SnapshotRead {
  generation: number;
  /** True for format 1 (one JSON document), which the store rewrites as format 2 at start-up. */
  oldFormat: boolean;
}

/**
 * Format 2 (this release, `snapshot.jsonl`): JSON lines, a header `{"format":2,"generation":N,"ops":COUNT}` and then one op
 * per line, written and read a line at a time so neither needs the whole store as one string in memory.
 * Format 1 (earlier releases, `snapshot.json`) was one JSON document `{"format":1,"generation":N,"ops":[...]}`: still read.
 */
export const SNAPSHOT_FORMAT = 2;

/** Lines are gathered into writes of about this many characters. */
const WRITE_CHUNK = 1 << 20;

/** Path of the data directory's snapshot (format 2). */
export function snapshotPath(dir: string): string {
  return join(dir, 'snapshot.jsonl');
}

/** Path of the snapshot earlier releases wrote (format 1), read once and removed by the next compaction. */
export function oldSnapshotPath(dir: string): string {
  return join(dir, 'snapshot.json');
}

/**
 * Replaces snapshot.jsonl crash-safely: write a temp file a chunk at a time, fsync it, rename it over,
 * fsync the directory. A crash at any point leaves either the old or the new snapshot whole. The ops
 * must not change while this runs (the embedded store's records are frozen; `toOps` copies the maps).
 * An earlier release's snapshot.json is removed once the new one is in place (it is older whatever it holds).
 */
export async function writeSnapshot(dir: string, snapshot: Snapshot): Promise<void> {
  const temp = `${snapshotPath(dir)}.tmp`;
  const handle = await open(temp, 'w');
  try {
    let chunk = `${JSON.stringify({ format: SNAPSHOT_FORMAT, generation: snapshot.generation, ops: snapshot.ops.length })}\n`;
    for (const op of snapshot.ops) {
      chunk += `${JSON.stringify(op)}\n`;
      if (chunk.length >= WRITE_CHUNK) {
        await handle.write(chunk, null, 'utf8');
        chunk = '';
      }
    }
    await handle.write(chunk, null, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, snapshotPath(dir));
  await rm(oldSnapshotPath(dir), { force: true });
  await syncDir(dir);
}

/**
 * Reads the snapshot (snapshot.jsonl, else an earlier release's snapshot.json), handing each op to `apply`
 * in order; null when there is none yet. Leftover temp files from a crash are removed. An unreadable
 * snapshot (bad JSON, a bad op, fewer ops than its header says) throws an error naming the file.
 */
export async function readSnapshot(dir: string, apply: (op: StoreOp) => void): Promise<SnapshotRead | null> {
  for (const path of [snapshotPath(dir), oldSnapshotPath(dir)]) await rm(`${path}.tmp`, { force: true });
  let path = snapshotPath(dir);
  let oldFormat = false;
  if (!(await exists(path))) {
    path = oldSnapshotPath(dir);
    oldFormat = true;
    if (!(await exists(path))) return null;
  }
  try {
    if (oldFormat) return { generation: await readFormat1(path, apply), oldFormat };
    return { generation: await readFormat2(path, apply), oldFormat };
  } catch (error) {
    throw new Error(`Snapshot ${path} is unreadable (${(error as Error).message}): restore it from a backup`, {
      cause: error,
    });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return false;
    throw error;
  }
}

async function readFormat1(path: string, apply: (op: StoreOp) => void): Promise<number> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('generation' in parsed) || !('ops' in parsed)) {
    throw new Error('missing generation or ops');
  }
  const { generation, ops } = parsed;
  if (typeof generation !== 'number' || !Array.isArray(ops)) throw new Error('bad generation or ops');
  for (const op of ops) apply(toStoreOp(op));
  return generation;
}

async function readFormat2(path: string, apply: (op: StoreOp) => void): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: { generation: number; ops: number } | undefined;
  let count = 0;
  for await (const line of lines) {
    if (!header) {
      header = parseHeader(line);
      continue;
    }
    if (line === '') continue;
    count++;
    try {
      apply(toStoreOp(JSON.parse(line)));
    } catch (error) {
      throw new Error(`line ${count + 1}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (!header) throw new Error('it is empty');
  if (count !== header.ops) throw new Error(`it holds ${count} of the ${header.ops} records it announces`);
  return header.generation;
}

function parseHeader(line: string): { generation: number; ops: number } {
  const header: unknown = JSON.parse(line);
  if (typeof header !== 'object' || header === null) throw new Error('no header');
  const { format, generation, ops } = header as Record<string, unknown>;
  if (format !== SNAPSHOT_FORMAT)
    throw new Error(`format ${String(format)} is not one this release reads (a newer release wrote it?)`);
  if (typeof generation !== 'number' || typeof ops !== 'number') throw new Error('bad generation or ops');
  return { generation, ops };
}
