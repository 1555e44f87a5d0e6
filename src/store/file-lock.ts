import { randomUUID } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { hasCode } from './fs-sync.js';

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  at: string;
}

/** Lock files held by this process, so a restart that reuses our pid (pid 1 in a container) is not mistaken for us. */
const heldHere = new Set<string>();

/** A held lock file; release it on close. */
export interface FileLock {
  release(): Promise<void>;
}

/**
 * Takes the lock file at `path` for this process. Refuses, naming the holder, while a live process
 * holds it; takes over a stale lock left by a dead process on this host.
 */
export async function acquireFileLock(path: string, what: string): Promise<FileLock> {
  const mine: LockInfo = { pid: process.pid, host: hostname(), token: randomUUID(), at: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify(mine), 'utf8');
      } finally {
        await handle.close();
      }
      heldHere.add(path);
      return { release: () => release(path, mine.token) };
    } catch (error) {
      if (!hasCode(error, 'EEXIST')) throw error;
    }
    const holder = await readHolder(path);
    if (holder && isAlive(holder, path)) {
      const who = holder.pid === process.pid ? 'this process' : `process ${holder.pid} on ${holder.host}`;
      throw new Error(
        `${what} is already open by ${who} since ${holder.at} (lock file ${path}): stop that process first, or use another data directory.`,
      );
    }
    // Stale: its owner died without closing. Node has no flock, so two processes racing for the same stale
    // lock could both win; a single bot per data directory is the supported setup.
    await rm(path, { force: true });
  }
  throw new Error(`Could not take the lock file ${path}: another process keeps recreating it.`);
}

async function readHolder(path: string): Promise<LockInfo | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'pid' in parsed ? (parsed as LockInfo) : null;
  } catch {
    return null; // vanished, or torn by a crash while being written: treat as stale
  }
}

function isAlive(holder: LockInfo, path: string): boolean {
  if (holder.host !== hostname()) return true; // cannot check another machine's processes
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return hasCode(error, 'EPERM'); // exists, owned by someone else
  }
}

async function release(path: string, token: string): Promise<void> {
  heldHere.delete(path);
  const holder = await readHolder(path);
  if (holder?.token === token) await rm(path, { force: true });
}
