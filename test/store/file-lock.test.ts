import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { acquireFileLock, type FileLock } from '../../src/store/file-lock.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOLDER = join(ROOT, 'test/support/lock-holder.ts');
/** Short lease timings, so the tests run in well under a second each. */
const FAST = { heartbeatMs: 50, staleAfterMs: 400 };

const dirs: string[] = [];
const locks: FileLock[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const lock of locks.splice(0)) await lock.release();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pilot-lock-'));
  dirs.push(dir);
  return dir;
}

/** A lock file as a process would have left it; `agoMs` is how old its heartbeat is. */
function lockText(fields: { pid: number; host: string; agoMs: number; legacy?: boolean }): string {
  const at = new Date(Date.now() - fields.agoMs).toISOString();
  const common = { pid: fields.pid, host: fields.host, token: `old-${fields.pid}`, at };
  return JSON.stringify(fields.legacy ? common : { ...common, since: at, heartbeatMs: 5_000 });
}

const readLock = async (path: string) =>
  JSON.parse(await readFile(path, 'utf8')) as { pid: number; host: string; token: string; at: string };

/** A separate process that takes the lock once told to (see test/support/lock-holder.ts). */
class Holder {
  readonly lines: string[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  constructor(path: string, host: string, timings: { heartbeatMs: number; staleAfterMs: number }, leave = false) {
    const args = [HOLDER, path, host, String(timings.heartbeatMs), String(timings.staleAfterMs)];
    this.child = spawn(process.execPath, ['--import', 'tsx', ...args, ...(leave ? ['--leave'] : [])], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(this.child);
    let buffer = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      this.lines.push(...parts);
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }
  async waitFor(prefix: string, timeoutMs = 20_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((l) => l.startsWith(prefix));
      if (line) return line;
      if (Date.now() > until) throw new Error(`no ${prefix} from the holder; it said: ${this.lines.join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  go(): void {
    this.child.stdin?.write('GO\n');
  }
  /** The outcome line, WON or REFUSED. */
  async outcome(): Promise<string> {
    const until = Date.now() + 20_000;
    while (!this.lines.some((l) => l.startsWith('WON') || l.startsWith('REFUSED'))) {
      if (Date.now() > until) throw new Error(`no outcome from the holder; it said: ${this.lines.join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.lines.find((l) => l.startsWith('WON') || l.startsWith('REFUSED'))!;
  }
  stop(): void {
    this.child.stdin?.end();
  }
}

/** Starts holders, waits until every one has loaded, then lets them all go at once. */
async function startTogether(holders: Holder[]): Promise<string[]> {
  await Promise.all(holders.map((h) => h.waitFor('READY')));
  for (const h of holders) h.go();
  return Promise.all(holders.map((h) => h.outcome()));
}

describe('the data directory lock (a lease with a heartbeat)', () => {
  it('lets a restarted container with a new hostname start: a dead holder’s lock from another host is taken over', async () => {
    const dir = await freshDir();
    const path = join(dir, 'store.lock');
    for (const legacy of [false, true]) {
      // The previous container (another hostname) died ten minutes ago without closing the store.
      await writeFile(path, lockText({ pid: 1, host: 'pilot-6f7c9d-old', agoMs: 10 * 60_000, legacy }));
      const started = Date.now();
      const store = await EmbeddedStore.open(dir);
      const took = Date.now() - started;
      try {
        expect(took, 'an old heartbeat is stale at once').toBeLessThan(2_000);
        expect(await readLock(path)).toMatchObject({ pid: process.pid, host: hostname() });
      } finally {
        await store.close();
      }
    }
  });

  it('waits out a fresh-looking lock from another host that never beats again, then takes it', async () => {
    const path = join(await freshDir(), 'store.lock');
    await writeFile(path, lockText({ pid: 1, host: 'pilot-died-just-now', agoMs: 0 }));
    const started = Date.now();
    const lock = await acquireFileLock(path, 'The test folder', FAST);
    locks.push(lock);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(FAST.staleAfterMs - 50);
    expect(waited).toBeLessThan(FAST.staleAfterMs + 1_500);
    expect((await readLock(path)).pid).toBe(process.pid);
  });

  it('refuses while a live process on another host holds it, and says what to do', async () => {
    const path = join(await freshDir(), 'store.lock');
    const holder = new Holder(path, 'pilot-host-a', FAST);
    expect(await startTogether([holder])).toEqual(['WON']);
    const started = Date.now();
    const refused = acquireFileLock(path, 'The test folder', { heartbeatMs: 50, staleAfterMs: 3_000 });
    await expect(refused).rejects.toThrow(
      new RegExp(
        `The test folder is already open by process ${holder.child.pid} on pilot-host-a since .*: stop that process first, or use another data directory\\. If it has already stopped, start again in 3 s`,
      ),
    );
    expect(Date.now() - started, 'its heartbeat moved long before the stale time').toBeLessThan(2_000);
    expect((await readLock(path)).pid).toBe(holder.child.pid); // untouched
    holder.stop();
    expect(await holder.exited).toBe(0);
  });

  it('refuses a second live process on this host at once, and takes over a dead one’s lock at once', async () => {
    const path = join(await freshDir(), 'store.lock');
    const holder = new Holder(path, '-', FAST);
    expect(await startTogether([holder])).toEqual(['WON']);
    let started = Date.now();
    await expect(acquireFileLock(path, 'The test folder', { staleAfterMs: 60_000 })).rejects.toThrow(
      `The test folder is already open by process ${holder.child.pid} on ${hostname()} since`,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect((await readLock(path)).pid, 'a killed holder leaves its lock').toBe(holder.child.pid);
    started = Date.now();
    locks.push(await acquireFileLock(path, 'The test folder', { staleAfterMs: 60_000 }));
    expect(Date.now() - started, 'a dead pid on this host needs no waiting').toBeLessThan(1_000);
    // A pid that is dead on this host, with a heartbeat that still looks fresh.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const other = join(await freshDir(), 'store.lock');
    await writeFile(other, lockText({ pid: dead, host: hostname(), agoMs: 0 }));
    started = Date.now();
    locks.push(await acquireFileLock(other, 'The test folder', { staleAfterMs: 60_000 }));
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('takes over a lock whose pid on this host now belongs to another program (its heartbeat stopped)', async () => {
    const path = join(await freshDir(), 'store.lock');
    await writeFile(path, lockText({ pid: process.ppid, host: hostname(), agoMs: 10 * 60_000 }));
    locks.push(await acquireFileLock(path, 'The test folder', FAST));
    expect((await readLock(path)).pid).toBe(process.pid);
  });

  it('lets exactly one of many starters in one process take over a stale lock', async () => {
    const path = join(await freshDir(), 'store.lock');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    for (let round = 0; round < 20; round++) {
      // Alternately a dead pid on this host (taken over at once) and a quiet holder on another host.
      const stale =
        round % 2 === 0 ? { pid: dead, host: hostname(), agoMs: 0 } : { pid: 1, host: 'pilot-gone', agoMs: 600_000 };
      await writeFile(path, lockText(stale));
      const tries = await Promise.allSettled(
        Array.from({ length: 12 }, () => acquireFileLock(path, 'The test folder', FAST)),
      );
      const won = tries.flatMap((t) => (t.status === 'fulfilled' ? [t.value] : []));
      const refusals = tries.flatMap((t) => (t.status === 'rejected' ? [String(t.reason)] : []));
      expect(won, `round ${round}: ${refusals.join(' | ')}`).toHaveLength(1);
      for (const refusal of refusals) expect(refusal).toContain('is already open by this process');
      await won[0]!.release();
    }
  });

  it('lets exactly one of several processes started at once take over a stale lock', async () => {
    const path = join(await freshDir(), 'store.lock');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    for (let round = 0; round < 2; round++) {
      // A dead pid on this host: each starter takes it over at once, so they really race.
      await writeFile(path, lockText({ pid: dead, host: hostname(), agoMs: 0 }));
      // A long stale time: four processes starting on two cores may stall the winner's heartbeat for a while.
      const holders = Array.from({ length: 4 }, () => new Holder(path, '-', { heartbeatMs: 50, staleAfterMs: 10_000 }));
      const outcomes = await startTogether(holders);
      expect(
        outcomes.filter((o) => o === 'WON'),
        outcomes.join(' | '),
      ).toHaveLength(1);
      const winner = holders[outcomes.indexOf('WON')]!;
      for (const o of outcomes.filter((x) => x !== 'WON'))
        expect(o).toContain(`is already open by process ${winner.child.pid}`);
      expect((await readLock(path)).pid).toBe(winner.child.pid);
      for (const h of holders) h.stop();
      expect(await Promise.all(holders.map((h) => h.exited))).toEqual([0, 0, 0, 0]);
    }
  });

  it('keeps its heartbeat moving, stops it on release, and never keeps the process alive', async () => {
    const path = join(await freshDir(), 'store.lock');
    const lock = await acquireFileLock(path, 'The test folder', { heartbeatMs: 30, staleAfterMs: 400 });
    const first = await readLock(path);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = await readLock(path);
    expect(later.token).toBe(first.token);
    expect(Date.parse(later.at)).toBeGreaterThan(Date.parse(first.at));
    await lock.release();
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(readFile(path), 'no heartbeat after release').rejects.toThrow(/ENOENT/);

    // A process that takes the lock and has nothing else to do ends by itself: the timer is unref'd.
    const idle = new Holder(path, '-', { heartbeatMs: 20, staleAfterMs: 400 }, true);
    expect(await startTogether([idle])).toEqual(['WON']);
    expect(await idle.exited).toBe(0);
    expect((await readLock(path)).pid, 'it left its lock, as a crash would').toBe(idle.child.pid);
  });

  it('tells a holder that stalled and was taken over, and leaves the new holder’s lock alone', async () => {
    const path = join(await freshDir(), 'store.lock');
    const lost: string[] = [];
    const lock = await acquireFileLock(path, 'The test folder', { ...FAST, onLost: (m) => lost.push(m) });
    locks.push(lock);
    const takenOver = lockText({ pid: 4242, host: 'pilot-host-b', agoMs: 0 });
    await writeFile(path, takenOver);
    for (let i = 0; i < 100 && lost.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lost).toEqual([expect.stringContaining('was taken over by process 4242 on pilot-host-b')]);
    expect(lock.lost).toBe(true);
    await lock.release();
    expect(await readFile(path, 'utf8')).toBe(takenOver);
  });

  it('makes a store whose lock was taken over refuse writes, so two processes never write one journal', async () => {
    const dir = await freshDir();
    const lost: string[] = [];
    const store = await EmbeddedStore.open(dir, { lock: { ...FAST, onLost: (m) => lost.push(m) } });
    try {
      await store.putPerson({ id: 'slack:U1', roles: [], updatedAt: new Date(0).toISOString() });
      await writeFile(join(dir, 'store.lock'), lockText({ pid: 4242, host: 'pilot-host-b', agoMs: 0 }));
      for (let i = 0; i < 100 && lost.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      await expect(
        store.putPerson({ id: 'slack:U2', roles: [], updatedAt: new Date(0).toISOString() }),
      ).rejects.toThrow(/refuses writes: another process took over its lock/);
    } finally {
      await store.close();
    }
  });
});
