import { createHash, randomUUID } from 'node:crypto';
import { link, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { hasCode } from './fs-sync.js';

/** When a marker or temporary file counts as left behind by a dead process. */
interface Staleness {
  staleAfterMs: number;
  now: () => number;
}

/** Errors of a file system without hard links: fall back to an exclusive create. */
const NO_LINKS = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'];

/**
 * Creates `path` holding `text` unless it exists; true if this call created it. The text is written to a
 * temporary file first and hard-linked into place, so nobody ever reads a half-written lock.
 */
export async function createExclusive(path: string, text: string): Promise<boolean> {
  const temp = tempPath(path);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (hasCode(error, 'EEXIST')) return false;
    if (!NO_LINKS.some((code) => hasCode(error, code))) throw error;
    // Readers may see this file empty for a moment; they treat unreadable content as live until it stays unchanged.
    try {
      await writeFile(path, text, { flag: 'wx' });
      return true;
    } catch (fallback) {
      if (hasCode(fallback, 'EEXIST')) return false;
      throw fallback;
    }
  } finally {
    await rm(temp, { force: true });
  }
}

/** The lock file's text, or null when there is none. */
export async function readRaw(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return null;
    throw error;
  }
}

/**
 * Replaces the file at `path` with `next` (or removes it, for null) only if it still holds `expected`.
 * Every change to a lock (heartbeat, takeover, release) goes through here, and each one first creates a
 * marker named after the text it replaces, with O_EXCL: so of two processes replacing the same text,
 * one gets `busy` (or `changed`, if it looks after the other finished) and never overwrites the other.
 */
export async function compareAndSwap(
  path: string,
  expected: string,
  next: string | null,
  o: Staleness,
): Promise<'swapped' | 'changed' | 'busy'> {
  const marker = await claimMarker(path, expected, o);
  if (!marker) return 'busy';
  try {
    if ((await readRaw(path)) !== expected) return 'changed';
    if (next === null) {
      await rm(path, { force: true });
    } else {
      const temp = tempPath(path);
      try {
        await writeFile(temp, next, { flag: 'wx' });
        await rename(temp, path); // atomic: readers see the old text or the new, never a torn one
      } finally {
        await rm(temp, { force: true });
      }
    }
    return 'swapped';
  } finally {
    await rm(marker, { force: true });
  }
}

/** Creates the marker for changing `expected`; null while another process holds it. */
async function claimMarker(path: string, expected: string, o: Staleness): Promise<string | null> {
  const id = createHash('sha256').update(expected).digest('hex').slice(0, 16);
  // A marker lives for a few milliseconds. One older than the stale time was left by a process that died
  // holding it: skip to the next number rather than delete it (deleting could race with a live claimant).
  for (let n = 0; n < 8; n++) {
    const marker = `${path}.cas-${id}-${n}`;
    try {
      await writeFile(marker, String(o.now()), { flag: 'wx' });
      return marker;
    } catch (error) {
      if (!hasCode(error, 'EEXIST')) throw error;
    }
    // The time inside, not the file's mtime: the process clock is what `now` is compared with.
    const written = Number(await readRaw(marker).catch(() => null));
    if (!(written > 0) || o.now() - written <= o.staleAfterMs) return null;
  }
  return null;
}

/**
 * Removes temporary lock files that dead processes left beside the lock, once stale by the time inside.
 * Markers stay: each is named after one lock text that never recurs, and deleting one could let two
 * processes hold the same change at once.
 */
export async function sweepLockLitter(path: string, o: Staleness): Promise<void> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const text = await readRaw(join(dir, name)).catch(() => null);
    const written = Date.parse(atOf(text));
    if (written > 0 && o.now() - written > o.staleAfterMs) await rm(join(dir, name), { force: true });
  }
}

function atOf(text: string | null): string {
  try {
    const value = JSON.parse(text ?? '') as { at?: unknown };
    return typeof value.at === 'string' ? value.at : '';
  } catch {
    return '';
  }
}

function tempPath(path: string): string {
  return `${path}.${randomUUID()}.tmp`;
}
