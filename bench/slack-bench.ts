import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bolt from '@slack/bolt';
import autocannon from 'autocannon';
import { DEMO_IDEAS } from '../src/app/demo-data.js';
import { startBot } from '../src/app/start-bot.js';
import { silentLogger } from '../src/workflows/deps.js';
import { button } from '../test/slack/slack-kit.js';
import { makeBlockAction, makeCommand, SIGNING_SECRET, signedHeaders } from '../test/slack/slack-payloads.js';
import { makeConflictAnswer } from '../test/support/factories.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { type BenchRow, ms } from './bench-table.js';
import { systemClock } from '../src/workflows/deps.js';

const { App, ExpressReceiver } = bolt;

/** Our `/pilot list` through the real signed HTTP path vs a bare Bolt app (the floor); then a 500-vote burst. */
export async function slackBench(): Promise<BenchRow[]> {
  const fake = await startFakeSlack();
  const dir = await mkdtemp(join(tmpdir(), 'pilot-bench-slack-'));
  const bot = await startBot({
    clock: systemClock,
    env: {
      PORT: '0',
      DATA_DIR: dir,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PILOT_DEMO_DATA: 'false',
      PLAYGROUND: '0',
      PILOT_ADMINS: 'slack:UADMIN',
    },
    scheduler: false,
    logger: silentLogger,
  });
  const bare = await startBareBolt(fake.apiUrl);
  try {
    for (const idea of DEMO_IDEAS) await bot.pilot.pipeline.submit('slack:USUB', idea);
    const floor = await load(`${bare.url}/slack/events`, fake.responseUrl());
    const ours = await load(`${bot.url}/slack/events`, fake.responseUrl());
    const rows: BenchRow[] = [
      {
        name: 'bare Bolt /pilot ack (p50 / p99)',
        value: `${ms(floor.p50)} / ${ms(floor.p99)}`,
        budget: '(floor)',
        pass: null,
      },
      {
        name: 'our /pilot list ack (p50 / p99)',
        value: `${ms(ours.p50)} / ${ms(ours.p99)}`,
        budget: 'well within 3 s',
        pass: ours.p99 < 3000,
      },
      {
        name: 'overhead vs bare Bolt at p50',
        value: `${(ours.p50 / floor.p50).toFixed(2)}x`,
        budget: '<= 1.5x',
        pass: ours.p50 / floor.p50 <= 1.5,
      },
      {
        name: 'overhead vs bare Bolt at p99',
        value: `${(ours.p99 / floor.p99).toFixed(2)}x`,
        budget: '<= 1.5x',
        pass: ours.p99 / floor.p99 <= 1.5,
      },
      {
        name: 'requests answered (ours / bare), non-2xx',
        value: `${ours.count} / ${floor.count}, ${ours.errors + floor.errors}`,
        budget: '0 errors',
        pass: ours.errors + floor.errors === 0,
      },
    ];
    rows.push(...(await voteBurst(bot, fake)));
    return rows;
  } finally {
    await bare.close();
    await bot.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function load(
  url: string,
  responseUrl: string,
): Promise<{ p50: number; p99: number; count: number; errors: number }> {
  const run = (amount: number) =>
    autocannon({
      url,
      connections: 10,
      amount,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const body = makeCommand('list', { userId: 'UBENCH', responseUrl });
            return {
              ...request,
              body,
              headers: {
                ...request.headers,
                'content-type': 'application/x-www-form-urlencoded',
                ...signedHeaders(body),
              },
            };
          },
        },
      ],
    });
  await run(200);
  const result = await run(2000);
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    count: result['2xx'],
    errors: result.non2xx + result.errors,
  };
}

async function startBareBolt(apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' });
  const app = new App({
    receiver,
    token: 'xoxb-bare',
    botId: 'B0',
    botUserId: 'U0',
    clientOptions: { slackApiUrl: apiUrl },
  });
  app.command('/pilot', async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: 'ok' });
  });
  const server: Server = await new Promise((resolve) => {
    const s = receiver.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function voteBurst(
  bot: Awaited<ReturnType<typeof startBot>>,
  fake: Awaited<ReturnType<typeof startFakeSlack>>,
): Promise<BenchRow[]> {
  await bot.store.putSetting('forum:experts:slack', 'slack:CFORUM');
  await bot.pilot.people.assign('slack:UADMIN', 'slack:UPM', ['pm']);
  const { round } = await bot.pilot.voting.open('slack:UPM', 'IP-1', 'support', 24);
  for (let i = 0; i < 500; i++) {
    await bot.pilot.people.assign('slack:UADMIN', `slack:UV${i}`, [i % 5 === 0 ? 'provider' : 'expert']);
    // Providers answered the conflict question already (SPEC 3.1), so each of their clicks is one vote too.
    if (i % 5 === 0)
      await bot.store.putConflict(
        makeConflictAnswer({ ideaId: round.ideaId, roundId: round.id, personId: `slack:UV${i}` }),
      );
  }
  const post = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CFORUM'));
  const choices = ['Support', 'Neutral', 'Oppose'] as const;
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: 500 }, async (_, i) => {
      const body = makeBlockAction(button(post.body, choices[i % 3] as string), {
        userId: `UV${i}`,
        channelId: 'CFORUM',
      });
      const res = await fetch(`${bot.url}/slack/events`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body) },
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  const acked = performance.now() - started;
  const votes = await waitForCount(() => bot.store.listVotes(round.id), 500);
  const took = performance.now() - started;
  const duplicates = votes.length - new Set(votes.map((v) => v.voterKey)).size;
  // An open anonymous round shows only participation (SPEC 3.1): the tally is read from the closed round.
  const result = await bot.pilot.voting.result(await bot.pilot.voting.close('system:bench', round.id));
  const expected = { support: 0, neutral: 0, oppose: 0 };
  for (let i = 0; i < 500; i++) expected[(['support', 'neutral', 'oppose'] as const)[i % 3] as keyof typeof expected]++;
  const tally = (k: 'support' | 'neutral' | 'oppose') =>
    result.byConstituency.experts[k] + result.byConstituency.providers[k] + result.byConstituency.others[k];
  const right =
    tally('support') === expected.support &&
    tally('neutral') === expected.neutral &&
    tally('oppose') === expected.oppose;
  return [
    {
      name: 'Slack: 500 concurrent votes, recorded',
      value: `${votes.length} (HTTP ${[...new Set(statuses)].join(', ')})`,
      budget: '500',
      pass: votes.length === 500,
    },
    { name: 'Slack: duplicates', value: String(duplicates), budget: '0', pass: duplicates === 0 },
    {
      name: 'Slack: tally right',
      value: `${tally('support')} / ${tally('neutral')} / ${tally('oppose')}`,
      budget: `${expected.support} / ${expected.neutral} / ${expected.oppose}`,
      pass: right,
    },
    {
      name: 'Slack: time for the burst (all acked / all stored)',
      value: `${ms(acked)} / ${ms(took)}`,
      budget: '(reported)',
      pass: null,
    },
  ];
}

/** Polls until the list has `count` items (votes are recorded after the ack). */
export async function waitForCount<T>(read: () => Promise<T[]>, count: number, timeoutMs = 60_000): Promise<T[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const items = await read();
    if (items.length >= count || Date.now() > until) return items;
    await new Promise((r) => setTimeout(r, 50));
  }
}
