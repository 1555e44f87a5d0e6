import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoardAccess } from '../src/board/board-access.js';
import { mountBoard } from '../src/board/mount-board.js';
import { createPilot } from '../src/app/create-pilot.js';
import { caseRenderer } from '../src/app/document-features.js';
import { createHttpApp } from '../src/app/http-app.js';
import { pipelineRulesSchema } from '../src/config/settings.js';
import { STATUSES } from '../src/domain/reference-data.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { loadTemplates } from '../src/templates/template-set.js';
import { silentLogger, systemClock } from '../src/workflows/deps.js';
import { makeIdea } from '../test/support/factories.js';
import { type BenchRow, ms, percentile, timeRuns } from './bench-table.js';

/**
 * The read-only board's pipeline page (`GET /board`, over HTTP) with 10,000 ideas on the embedded store, every
 * other one published: as an anonymous visitor (5,000 published ideas to sort and page) and as a signed-in
 * PM (all 10,000). The funnel chart is a separate request (an image) and is not part of the page.
 */
export async function boardBench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'pilot-board-bench-'));
  const store = await EmbeddedStore.open(dir);
  const server = { close: (): void => {} };
  try {
    for (let batch = 0; batch < 100; batch++)
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const n = batch * 100 + i + 1;
          const status = STATUSES[n % STATUSES.length]!;
          const idea = makeIdea({ id: `IP-${n}`, number: n, title: `Pilot idea ${n}`, status });
          return store.insertIdea({ ...idea, published: n % 2 === 0, summary: `A summary of idea ${n}.` });
        }),
      );
    const rules = pipelineRulesSchema.parse({});
    const pilot = await createPilot({ store, rules, clock: systemClock, admins: ['slack:UPM'] });
    const access = new BoardAccess(store, 'bench-secret-0123456789abcdef0123456789', (id) => pilot.people.rolesOf(id));
    const app = createHttpApp(store, silentLogger);
    mountBoard(app, { deps: pilot.deps, access, renderer: caseRenderer(loadTemplates()), secureCookie: false });
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    server.close = () => listening.close();
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/board`;
    const { token } = await access.issueLink('slack:UPM', systemClock());
    const exchanged = await access.exchange(token, systemClock());
    const cookie = exchanged.ok ? `pilot_board=${exchanged.session}` : '';
    const get = (headers: Record<string, string>) => async () => {
      const res = await fetch(url, { headers });
      if (res.status !== 200) throw new Error(`GET /board answered ${res.status}`);
      await res.text();
    };
    const anonymous = await timeRuns(get({}), 50, 5);
    const signedIn = await timeRuns(get({ cookie }), 50, 5);
    return [
      {
        name: 'board pipeline page, 10,000 ideas, anonymous (p50 / p99)',
        value: `${ms(percentile(anonymous, 50))} / ${ms(percentile(anonymous, 99))}`,
        budget: 'p99 < 200 ms',
        pass: percentile(anonymous, 99) < 200,
      },
      {
        name: 'board pipeline page, 10,000 ideas, signed-in PM (p50 / p99)',
        value: `${ms(percentile(signedIn, 50))} / ${ms(percentile(signedIn, 99))}`,
        budget: 'p99 < 200 ms',
        pass: percentile(signedIn, 99) < 200,
      },
    ];
  } finally {
    server.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
