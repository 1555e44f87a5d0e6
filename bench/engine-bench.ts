import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPilot } from '../src/app/create-pilot.js';
import { documentFeatures } from '../src/app/document-features.js';
import { pipelineRulesSchema } from '../src/config/settings.js';
import { STAGES } from '../src/domain/reference-data.js';
import { EmbeddedStore } from '../src/store/embedded-store.js';
import { buildCaseData } from '../src/templates/case-data.js';
import { renderCaseDocx, renderCaseMarkdown } from '../src/templates/render-case.js';
import { loadTemplates } from '../src/templates/template-set.js';
import { markdownToDocx } from '../src/templates/markdown-docx.js';
import { makeIdea } from '../test/support/factories.js';
import { makeClosedRound, makeFullIdea } from '../test/templates/case-fixtures.js';
import { type BenchRow, ms, percentile, timeRuns } from './bench-table.js';
import { systemClock } from '../src/workflows/deps.js';
import { sendWeeklyDigest } from '../src/workflows/weekly-digest.js';

const WORDS = [
  'reablement',
  'homecare',
  'rural',
  'carers',
  'night',
  'support',
  'workforce',
  'training',
  'technology',
  'sensors',
  'discharge',
  'hospital',
  'flexible',
  'visits',
  'neighbourhood',
  'team',
  'palliative',
  'dementia',
];

/** list and report over 10,000 ideas on the embedded store, memory after loading, and the business-case render. */
export async function engineBench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'pilot-bench-'));
  const store = await EmbeddedStore.open(dir);
  try {
    const rssBefore = process.memoryUsage().rss;
    const loadStarted = performance.now();
    for (let batch = 0; batch < 100; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const n = batch * 100 + i + 1;
          const title = `${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} pilot ${n}`;
          const status = STAGES[n % STAGES.length];
          return store.insertIdea(
            makeIdea({
              id: `IP-${n}`,
              number: n,
              title,
              summary: `A ${title} idea for people at home.`,
              status,
              lastStage: status,
            }),
          );
        }),
      );
    }
    for (let n = 0; n < 10_000; n++) await store.nextIdeaNumber();
    const loadMs = performance.now() - loadStarted;
    const rules = pipelineRulesSchema.parse({});
    const pilot = await createPilot({
      store,
      rules,
      clock: systemClock,
      admins: ['slack:UADMIN'],
      documents: documentFeatures(loadTemplates()),
    });
    await pilot.people.assign('slack:UADMIN', 'slack:UPM', ['pm']);
    const rss = process.memoryUsage().rss;
    const caller = { personId: 'slack:UBENCH', platform: 'slack' as const };
    const list = await timeRuns(() => pilot.core.handle(caller, { kind: 'text', text: 'list' }), 20);
    const report = await timeRuns(() => pilot.core.handle(caller, { kind: 'text', text: 'report' }), 10);
    // A PM's agenda: every idea is checked for its target date (most are overdue: the factory's dates are old).
    const pm = { personId: 'slack:UPM', platform: 'slack' as const };
    const agenda = await timeRuns(() => pilot.core.handle(pm, { kind: 'text', text: 'agenda' }), 30);
    // The weekly digest: the audit trails' moves of the last week and every overdue idea (no platform attached).
    const digest = await timeRuns(() => sendWeeklyDigest(pilot.deps), 10);
    const similar = await timeRuns(
      () => pilot.pipeline.lookAlikes('Rural night support team', 'Night visits for people in rural areas'),
      50,
    );
    const idea = makeFullIdea();
    const round = makeClosedRound();
    const caseInput = {
      idea,
      rounds: [round],
      names: {},
      authorId: 'slack:UBENCH',
      now: new Date(),
      priorities: rules.priorities,
    };
    const templates = loadTemplates();
    const markdown = await timeRuns(() => renderCaseMarkdown(buildCaseData(caseInput), templates), 50, 5);
    const docx = await timeRuns(() => renderCaseDocx(buildCaseData(caseInput), templates), 30, 5);
    // A meeting pack of ten full papers, as `pack <date>` builds it (each paper's data and Markdown, one Word file).
    const pack = await timeRuns(
      () =>
        markdownToDocx(
          Array.from({ length: 10 }, () => renderCaseMarkdown(buildCaseData(caseInput), templates)),
          { title: 'Meeting pack', author: 'Bench', description: 'Ten papers', header: 'JCC meeting pack' },
        ),
      10,
      2,
    );
    return [
      { name: 'load 10,000 ideas into the embedded store', value: ms(loadMs), budget: '(setup)', pass: null },
      {
        name: 'list over 10,000 ideas (p50 / p99)',
        value: `${ms(percentile(list, 50))} / ${ms(percentile(list, 99))}`,
        budget: '< 200 ms',
        pass: percentile(list, 99) < 200,
      },
      {
        name: 'report over 10,000 ideas, text + chart (p50 / p99)',
        value: `${ms(percentile(report, 50))} / ${ms(percentile(report, 99))}`,
        budget: '< 200 ms',
        pass: percentile(report, 99) < 200,
      },
      {
        name: 'agenda for a PM over 10,000 ideas (p50 / p99)',
        value: `${ms(percentile(agenda, 50))} / ${ms(percentile(agenda, 99))}`,
        budget: '< 200 ms',
        pass: percentile(agenda, 99) < 200,
      },
      {
        name: 'weekly digest over 10,000 ideas (p50 / p99)',
        value: `${ms(percentile(digest, 50))} / ${ms(percentile(digest, 99))}`,
        budget: '(reported)',
        pass: null,
      },
      {
        name: 'RSS after loading 10,000 ideas',
        value: `${Math.round(rss / 1_048_576)} MB (+${Math.round((rss - rssBefore) / 1_048_576)} MB)`,
        budget: '(reported)',
        pass: null,
      },
      {
        name: 'similar ideas over 10,000 (p50)',
        value: ms(percentile(similar, 50)),
        budget: '< 50 ms',
        pass: percentile(similar, 50) < 50,
      },
      {
        name: 'business case Markdown, full idea (p50 / p99)',
        value: `${ms(percentile(markdown, 50))} / ${ms(percentile(markdown, 99))}`,
        budget: '< 200 ms',
        pass: percentile(markdown, 99) < 200,
      },
      {
        name: 'business case .docx, full idea (p50 / p99)',
        value: `${ms(percentile(docx, 50))} / ${ms(percentile(docx, 99))}`,
        budget: '< 200 ms',
        pass: percentile(docx, 99) < 200,
      },
      {
        name: 'meeting pack of ten full papers, .docx (p50 / p99)',
        value: `${ms(percentile(pack, 50))} / ${ms(percentile(pack, 99))}`,
        budget: '(reported)',
        pass: null,
      },
    ];
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
