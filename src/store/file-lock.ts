import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { hasCode } from './fs-sync.js';
import { compareAndSwap, createExclusive, readRaw, sweepLockLitter } from './lock-file-cas.js';

/** What the lock file holds. */
interface LockInfo {
  pid: number;
  host: string;
  token: string;
  /** When the holder took the lock. */
  since?: string;
  /** The holder's last heartbeat (in lock files written before heartbeats existed: when it took the lock). */
  at: string;
  /** The holder's heartbeat interval; absent in lock files written before heartbeats existed. */
  heartbeatMs?: number;
}

/** Timings and identity of a lock's lease; tests shorten the timings. */
export interface FileLockOptions {
  /** How often the holder rewrites `at` in the lock file (default 5 s). */
  heartbeatMs?: number;
  /** A lock whose heartbeat is older than this, or that does not change for this long, is stale (default 30 s). */
  staleAfterMs?: number;
  /** This machine's name, as written in the lock (default `os.hostname()`). */
  host?: string;
  /** Wall clock in milliseconds (default `Date.now`); heartbeats of every process must come from comparable clocks. */
  now?: () => number;
  /** Called once if another process takes the lock over from this one (it stalled past the stale time). */
  onLost?: (message: string) => void;
}

export const DEFAULT_HEARTBEAT_MS = 5_000;
export const DEFAULT_STALE_AFTER_MS = 30_000;

/** A held lock file, kept fresh by a heartbeat until released. */
export interface FileLock {
  /** True once another process has taken the lock over. */
  readonly lost: boolean;
  /** Stops the heartbeat and removes the lock file if it is still ours. */
  release(): Promise<void>;
}

type Timings = Required<Omit<FileLockOptions, 'onLost'>> & Pick<FileLockOptions, 'onLost'>;

/**
 * Tokens of the locks this process holds or is taking, so that a lock left by an earlier process with our
 * pid (pid 1 in a restarted container) is not mistaken for ours, while our own lock, even mid-way, is.
 */
const oursHere = new Set<string>();

const ATTEMPTS = 10;

/**
 * Takes the lock file at `path` for this process, as a lease: the holder rewrites its heartbeat every
 * `heartbeatMs`, and a lock whose heartbeat is older than `staleAfterMs` is taken over, whatever host
 * wrote it. Refuses, naming the holder, while a live process holds it: at once for a live process on
 * this host; for another host, once its heartbeat is seen to move (a lock from another host that looks
 * fresh is watched until it moves or goes quiet for `staleAfterMs`). A dead process on this host
 * is taken over at once. Of several processes taking over one stale lock, exactly one wins.
 */
export async function acquireFileLock(path: string, what: string, options: FileLockOptions = {}): Promise<FileLock> {
  const o: Timings = {
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    host: options.host ?? hostname(),
    now: options.now ?? Date.now,
    onLost: options.onLost,
  };
  const token = randomUUID();
  oursHere.add(token);
  try {
    return await take(path, what, token, o);
  } catch (error) {
    oursHere.delete(token);
    throw error;
  }
}

async function take(path: string, what: string, token: string, o: Timings): Promise<FileLock> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // Stamped afresh on every attempt: watching another lock may take a while.
    const stamp = new Date(o.now()).toISOString();
    const mine: LockInfo = {
      pid: process.pid,
      host: o.host,
      token,
      since: stamp,
      at: stamp,
      heartbeatMs: o.heartbeatMs,
    };
    const text = JSON.stringify(mine);
    if (await createExclusive(path, text)) return hold(path, mine, text, o);
    const seen = await readRaw(path);
    if (seen === null) continue; // released meanwhile: try to create it again
    let verdict = judge(seen, o);
    if (verdict === 'watch') verdict = await watch(path, seen, o);
    if (verdict === 'gone') continue;
    if (verdict === 'live') throw refusal(what, path, (await readRaw(path)) ?? seen, o);
    const outcome = await compareAndSwap(path, seen, text, o);
    if (outcome === 'swapped') return hold(path, mine, text, o);
    // Another process is taking it over, or took it: look again (and wait a moment if it is mid-way).
    if (outcome === 'busy') await sleep(Math.min(50, o.heartbeatMs));
  }
  throw new Error(
    `Could not take the lock file ${path}: other processes keep taking it. Stop them, or use another data directory.`,
  );
}

type Verdict = 'live' | 'stale' | 'watch' | 'gone';

/** Decides from the lock's content alone; `watch` when only watching its heartbeat can tell. */
function judge(raw: string, o: Timings): Verdict {
  const holder = parse(raw);
  // Torn or foreign content (a crash in an older release's write): stale once it stays unchanged.
  if (!holder) return 'watch';
  const age = o.now() - Date.parse(holder.at);
  const fresh = Number.isFinite(age) && age <= o.staleAfterMs;
  if (holder.host === o.host) {
    if (holder.pid === process.pid) return oursHere.has(holder.token) ? 'live' : 'stale';
    if (!isRunning(holder.pid)) return 'stale';
    // A running pid with a stale heartbeat is another program that reused the pid. Lock files from before
    // heartbeats existed have no heartbeat to judge by: the running pid is all there is.
    return holder.heartbeatMs === undefined || fresh ? 'live' : 'stale';
  }
  // Another host: its processes cannot be checked from here, only its heartbeat.
  return fresh ? 'watch' : 'stale';
}

/** Watches a lock until it changes (its holder is alive), vanishes, or stays unchanged past the stale time. */
async function watch(path: string, seen: string, o: Timings): Promise<Verdict> {
  const holder = parse(seen);
  const beat = holder ? Date.parse(holder.at) : NaN;
  const start = o.now();
  // Stale once its heartbeat is old by our clock, or once we have seen it unchanged for the stale time.
  const deadline = Math.min(start + o.staleAfterMs, beat <= start ? beat + o.staleAfterMs : Infinity);
  const poll = Math.min(1_000, Math.max(10, Math.floor(o.heartbeatMs / 4)));
  while (o.now() < deadline) {
    await sleep(Math.min(poll, Math.max(1, deadline - o.now())));
    const now = await readRaw(path);
    if (now === null) return 'gone';
    if (now !== seen) return 'live';
  }
  return 'stale';
}

/** Keeps the lock: a heartbeat that never keeps the process alive, and a release that removes it. */
function hold(path: string, mine: LockInfo, text: string, o: Timings): FileLock {
  let current = text;
  let lost = false;
  let beating: Promise<void> | undefined;
  const beat = async () => {
    const next = JSON.stringify({ ...mine, at: new Date(o.now()).toISOString() });
    const outcome = await compareAndSwap(path, current, next, o).catch(() => 'failed' as const);
    if (outcome === 'swapped') current = next;
    else if (outcome === 'changed') {
      lost = true;
      clearInterval(timer);
      oursHere.delete(mine.token);
      const holder = parse((await readRaw(path).catch(() => null)) ?? '');
      const message = `The lock file ${path} was taken over by ${holder ? describe(holder, o) : 'another process'}: this process stalled for longer than ${o.staleAfterMs} ms and must stop writing there.`;
      (o.onLost ?? ((m: string) => process.emitWarning(m, 'LockLostWarning')))(message);
    }
    // 'busy' or 'failed' (a full disk, say): try again at the next beat.
  };
  const timer = setInterval(() => {
    beating ??= beat().finally(() => (beating = undefined));
  }, o.heartbeatMs);
  timer.unref(); // the heartbeat alone must never keep the process running
  void sweepLockLitter(path, o).catch(() => undefined);
  return {
    get lost() {
      return lost;
    },
    async release() {
      clearInterval(timer);
      await beating;
      if (lost) return;
      lost = true; // released: no longer ours
      await compareAndSwap(path, current, null, o).finally(() => oursHere.delete(mine.token));
    },
  };
}

function parse(raw: string): LockInfo | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.at === 'string' ? (v as LockInfo) : null;
  } catch {
    return null;
  }
}

function describe(holder: LockInfo, o: Timings): string {
  return holder.pid === process.pid && holder.host === o.host
    ? 'this process'
    : `process ${holder.pid} on ${holder.host}`;
}

function refusal(what: string, path: string, raw: string, o: Timings): Error {
  const holder = parse(raw);
  const who = holder ? describe(holder, o) : 'another process';
  const since = holder ? ` since ${holder.since ?? holder.at}` : '';
  // Another host's process cannot be checked from here: say how long its lock outlives it.
  const later =
    holder && holder.host !== o.host
      ? ` If it has already stopped, start again in ${Math.ceil(o.staleAfterMs / 1000)} s: a lock whose heartbeat stops is taken over after that.`
      : '';
  return new Error(
    `${what} is already open by ${who}${since} (lock file ${path}): stop that process first, or use another data directory.${later}`,
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return hasCode(error, 'EPERM'); // exists, owned by someone else
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
