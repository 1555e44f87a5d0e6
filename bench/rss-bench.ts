import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAGES } from '../src/domain/reference-data.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { initialRoundSnapshot, stepRound } from '../src/workflows/voting-machine.js';
import { makeClosedRound, makeFullIdea } from '../test/templates/case-fixtures.js';
import type { BenchRow } from './bench-table.js';

const ENTRY = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));

/** Node's flags in `npm run start:prod` (e.g. the young generation's size), so the bench starts the bot as production does. */
function startProdFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts['start:prod']?.split(/\s+/) ?? [];
  if (words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js')
    throw new Error('start:prod is expected to be `node [flags] dist/src/main.js`');
  return words.slice(1, -1);
}
const BUDGET_MB = 200;
const IDEAS = 10_000;
const PLACES = ['rural', 'town', 'night', 'weekend', 'discharge', 'dementia', 'carers', 'palliative', 'sensor', 'team'];

/** Writes `IDEAS` realistic ideas (every stage artefact, comments, one closed scoring round each) into `dir`. */
export async function writeRealisticIdeas(dir: string, count = IDEAS): Promise<void> {
  const store = await EmbeddedStore.open(dir);
  try {
    // Closed as the service closes a round: by the machine's CLOSE, its ballots then sealed.
    const { round: closed } = stepRound(
      { ...makeClosedRound(), status: 'open', snapshot: initialRoundSnapshot() },
      {
        type: 'CLOSE',
      },
    );
    const round = { ...closed, sealed: true };
    for (let batch = 0; batch < count / 100; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const n = batch * 100 + i + 1;
          const place = PLACES[n % PLACES.length];
          const status = STAGES[n % STAGES.length];
          const full = makeFullIdea();
          await store.insertIdea(
            makeFullIdea({
              id: `IP-${n}`,
              number: n,
              title: `${full.title} (${place} ${n})`,
              summary: `${full.summary} Pilot ${n}, ${place}.`,
              status,
              lastStage: status,
            }),
          );
          await store.insertRound({ ...round, id: `R-${n}`, ideaId: `IP-${n}` });
        }),
      );
    }
  } finally {
    await store.close();
  }
}

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** VmRSS of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? Number.NaN) / 1024;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) before /readyz answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`/readyz did not answer within ${timeoutMs / 1000} s`);
}

/** Stops the bot (SIGTERM) and waits for it to exit. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** RSS in MB of a fresh `node` running this ES module code, measured at its end. */
function childRss(code: string): number {
  const probe = `import { readFileSync } from 'node:fs'; ${code}; globalThis.gc?.();
    console.log(readFileSync('/proc/self/status', 'utf8').match(/VmRSS:\\s+(\\d+)/)[1]);`;
  const out = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', probe], { encoding: 'utf8' });
  return Number(out.stdout.trim()) / 1024;
}

/** Where the memory goes when the budget is missed: Node alone, with the bot's code loaded, with the store opened. */
async function rssBreakdown(dir: string): Promise<BenchRow[]> {
  const dist = (path: string) => JSON.stringify(new URL(`../dist/src/${path}`, import.meta.url).href);
  const bare = childRss('');
  // Local mode, as the bench starts it, mounts Teams: its SDK is loaded then (Slack's Bolt only with Slack's settings).
  const code = childRss(`await import(${dist('app/start-bot.js')}); await import(${dist('bot/teams/mount-teams.js')})`);
  const store = childRss(`const { EmbeddedStore } = await import(${dist('store/embedded-store.js')});
    await EmbeddedStore.open(${JSON.stringify(dir)}, {})`);
  const mb = (n: number) => `${Math.round(n)} MB`;
  return [
    { name: '  of which: Node alone', value: mb(bare), budget: '(reported)', pass: null },
    {
      name: "  of which: the bot's code loaded (with the Teams SDK, as local mode)",
      value: `+${mb(code - bare)}`,
      budget: '(reported)',
      pass: null,
    },
    {
      name: '  of which: embedded store opened on the 10,000',
      value: `+${mb(store - bare)}`,
      budget: '(reported)',
      pass: null,
    },
  ];
}

/**
 * The compiled bot's memory as production starts it (`npm run start:prod`'s command, a process of its own), over
 * 10,000 realistic ideas in an embedded-store folder: VmRSS once `/readyz` answers and again after 3 s
 * idle (the .docx renderer warms up in the background), the larger of the two against the 200 MB budget.
 * Needs `npm run build` first (`npm run bench` does it).
 */
export async function rssBench(): Promise<BenchRow[]> {
  if (!existsSync(ENTRY) || process.platform !== 'linux')
    return [
      {
        name: 'RSS, compiled bot over 10,000 ideas',
        value: 'not measured (run npm run build; Linux only)',
        budget: `< ${BUDGET_MB} MB`,
        pass: false,
      },
    ];
  const dir = await mkdtemp(join(tmpdir(), 'pilot-rss-'));
  let child: ChildProcess | undefined;
  try {
    const writeStarted = performance.now();
    await writeRealisticIdeas(dir);
    const writeS = (performance.now() - writeStarted) / 1000;
    const port = await freePort();
    child = spawn(process.execPath, [...startProdFlags(), ENTRY], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        DATA_DIR: dir,
        PLAYGROUND: '0',
        PILOT_DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const started = performance.now();
    await waitReady(`http://127.0.0.1:${port}/readyz`, child, 120_000);
    const readyS = (performance.now() - started) / 1000;
    const atReady = rssMb(child.pid as number);
    await new Promise((r) => setTimeout(r, 3000));
    const settled = rssMb(child.pid as number);
    const rss = Math.max(atReady, settled);
    await stop(child);
    const breakdown = rss < BUDGET_MB ? [] : await rssBreakdown(dir);
    return [
      {
        name: 'write 10,000 full ideas + closed rounds',
        value: `${writeS.toFixed(1)} s`,
        budget: '(setup)',
        pass: null,
      },
      {
        name: 'RSS, compiled bot over 10,000 full ideas',
        value: `${Math.round(rss)} MB (at /readyz ${Math.round(atReady)} MB, ${readyS.toFixed(1)} s to ready)`,
        budget: `< ${BUDGET_MB} MB`,
        pass: rss < BUDGET_MB,
      },
      ...breakdown,
    ];
  } finally {
    if (child) await stop(child);
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await rssBench();
  for (const row of rows)
    console.log(`${row.name}: ${row.value} (${row.budget}) ${row.pass === null ? '' : row.pass ? 'PASS' : 'FAIL'}`);
}
