import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPilot } from '../../src/app/create-pilot.js';
import { pipelineRulesSchema } from '../../src/config/settings.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { AckLedger, integrityProblems, unreachableOpenRounds } from './store-integrity.js';
import { systemClock } from '../../src/workflows/deps.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = join(ROOT, 'test/support/crash-writer.ts');
const ITERATIONS = 20;
/** Iterations whose writer compacts after every few KiB, so some kills land inside a compaction. */
const COMPACTING = new Set([4, 9, 14, 19]);
const SEED = Number(process.env.CRASH_SEED ?? 20261123);

/** Small seeded PRNG (mulberry32): the kill delays repeat for a seed, though the writer's speed does not. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  lines: string[];
  stderr: string;
  signal: NodeJS.Signals | null;
  code: number | null;
  pid: number;
}

/** Starts the writer, waits for READY, lets it write for `delayMs`, then SIGKILLs it and collects what it printed. */
function runAndKill(dir: string, delayMs: number, compactAfterBytes?: number): Promise<Run> {
  const args = ['--import', 'tsx', WRITER, dir, ...(compactAfterBytes ? [String(compactAfterBytes)] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  const kill = () => child.kill('SIGKILL');
  const startup = setTimeout(kill, 30_000); // never hang the suite on a writer that cannot start
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (!timer && stdout.startsWith('READY\n')) {
      clearTimeout(startup);
      timer = setTimeout(kill, delayMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    // 'close' fires after the pipes are drained, so every line the writer got out before dying is here.
    child.on('close', (code, signal) => {
      clearTimeout(startup);
      clearTimeout(timer);
      // Only whole lines count: a line cut by the kill was never acknowledged.
      const lines = stdout.split('\n').slice(0, -1);
      resolve({ lines, stderr, signal, code, pid: child.pid ?? -1 });
    });
  });
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('crash safety of the embedded store', () => {
  it(`keeps every acknowledged write through ${ITERATIONS} SIGKILLs at random moments (seed ${SEED})`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pilot-crash-'));
    dirs.push(dir);
    const next = random(SEED);
    const ledger = new AckLedger();
    const lockPath = join(dir, 'store.lock');
    let generation = 1;
    let compactions = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const delay = Math.round(50 + next() * 350);
      const compacting = COMPACTING.has(i);
      const run = await runAndKill(dir, delay, compacting ? 8 * 1024 : undefined);
      const where = `iteration ${i} (seed ${SEED}, kill after ${delay} ms${compacting ? ', compacting' : ''})`;
      expect(
        run.lines.filter((l) => l.startsWith('ERR')),
        `${where}\n${run.stderr}`,
      ).toEqual([]);
      expect(run.signal, `${where}: the writer ended on its own\n${run.stderr}`).toBe('SIGKILL');
      expect(run.lines[0], `${where}: the writer never opened the store\n${run.stderr}`).toBe('READY');
      for (const line of run.lines.slice(1)) expect(ledger.add(line), `${where}: odd line ${line}`).toBe(true);

      // The killed writer's lock is left behind, naming a pid that is now dead.
      const staleLock = await readFile(lockPath, 'utf8');
      expect(JSON.parse(staleLock).pid).toBe(run.pid);
      const store = await EmbeddedStore.open(dir);
      try {
        expect(await integrityProblems(dir), where).toEqual([]);
        const pilot = await createPilot({ store, rules: pipelineRulesSchema.parse({}), clock: systemClock });
        expect(await ledger.missingFrom(store, pilot), where).toEqual([]);
        expect(await unreachableOpenRounds(store, pilot), where).toEqual([]);
        const now = store.stats().generation;
        if (now > generation) compactions++;
        generation = now;
      } finally {
        await store.close();
      }
      // Put the dead writer's lock back, so the next writer has to take over a stale lock itself.
      if (i < ITERATIONS - 1) await writeFile(lockPath, staleLock);
    }
    expect(ledger.count, 'the writers acknowledged too little for the test to mean much').toBeGreaterThan(200);
    expect(ledger.votes.size).toBeGreaterThan(5);
    expect(compactions, 'no compaction happened in the compacting iterations').toBeGreaterThan(0);
  }, 180_000);
});
