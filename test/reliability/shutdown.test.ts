import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { initialPipelineSnapshot } from '../../src/workflows/pipeline-snapshot.js';
import { type BotProcess, BotProcesses } from '../support/bot-processes.js';
import { makeIdea } from '../support/factories.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { button } from '../slack/slack-kit.js';
import { makeBlockAction, makeCommand, SIGNING_SECRET, signedHeaders } from '../slack/slack-payloads.js';

const DEADLINE_SECONDS = 5;
/** What the process may take beyond its deadline: closing the store and exiting. */
const SLACK_MS = 3_000;
const VOTERS = 300;

async function post(url: string, body: string): Promise<number> {
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body) },
  });
  await res.arrayBuffer();
  return res.status;
}

/** The HTTP status, or the error's code when the request got no answer (the server no longer accepts). */
async function statusOrError(request: Promise<number>): Promise<number | string> {
  try {
    return await request;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).message;
  }
}

/**
 * A `GET /readyz` whose request line goes out now and whose end (the blank line after the headers) goes out when
 * `finish` is called: a request already under way when the shutdown starts, which the server still answers.
 */
function halfSentReadyz(url: string): { finish(): Promise<number> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => void (received += chunk.toString('latin1')));
  socket.write(`GET /readyz HTTP/1.1\r\nHost: ${hostname}\r\n`);
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    finish: async () => {
      socket.write('\r\n');
      await ended;
      return Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
    },
  };
}

describe('SIGTERM in the middle of a vote burst, with Slack’s Web API down', () => {
  const processes = new BotProcesses();
  let fake: FakeSlack;
  let dataDir: string;
  let bot: BotProcess;

  beforeAll(async () => {
    fake = await startFakeSlack();
    dataDir = await mkdtemp(join(tmpdir(), 'pilot-shutdown-'));
    const seed = await EmbeddedStore.open(dataDir);
    for (let i = 0; i < VOTERS; i++)
      await seed.putPerson({ id: `slack:UV${i}`, roles: ['expert'], updatedAt: '2026-11-23T09:00:00.000Z' });
    await seed.insertIdea(makeIdea({ id: 'IP-1', number: 1, snapshot: initialPipelineSnapshot() }));
    await seed.nextIdeaNumber();
    await seed.close();
    bot = await processes.start({
      PORT: '0',
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: 'xoxb-shutdown',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PILOT_ADMINS: 'slack:UADMIN',
      PILOT_DEMO_DATA: 'false',
      PILOT_EXPERTS_FORUM: 'slack:CFORUM',
      PILOT_SHUTDOWN_SECONDS: String(DEADLINE_SECONDS),
    });
  }, 60_000);

  afterAll(async () => {
    try {
      // The child first (it calls the fake Slack until it exits), then the fake, then its data folder.
      await processes.stopAll();
      await fake?.close();
    } finally {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits within its deadline, every acknowledged vote is stored, and /readyz says 503 once stopping', async () => {
    expect(await post(bot.url, makeCommand('role <@UPM> pm', { userId: 'UADMIN' }))).toBe(200);
    expect(await post(bot.url, makeCommand('vote open IP-1 support 48', { userId: 'UPM' }))).toBe(200);
    const message = await fake.waitFor(
      () => fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CFORUM'),
      20_000,
    );
    const support = button(message.body, 'Support');
    // From here on Slack answers every Web API call with 503 after a pause: each answer to a voter and each
    // update of the vote message would be retried for minutes (fiveRetriesInFiveMinutes).
    fake.breakWebApi(503, 200);

    const stopping = () => bot.stdout().includes('STOPPING');
    const underWay = halfSentReadyz(bot.url);
    const readiness: { afterStopping: boolean; status: number | string }[] = [];
    let exitedAt = 0;
    const exit = bot.exited.then((how) => {
      exitedAt = Date.now();
      return how;
    });
    const probe = (async () => {
      while (!exitedAt) {
        const afterStopping = stopping();
        const status = await statusOrError(fetch(`${bot.url}/readyz`).then((r) => r.status));
        readiness.push({ afterStopping, status });
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    let acknowledged = 0;
    let signalledAt = 0;
    const clicks = Array.from({ length: VOTERS }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 4));
      const status = await statusOrError(
        post(bot.url, makeBlockAction(support, { userId: `UV${i}`, channelId: 'CFORUM' })),
      );
      // SIGTERM once a third of the burst has been acknowledged: the rest is in flight or not yet sent.
      if (status === 200 && ++acknowledged === Math.floor(VOTERS / 3)) {
        signalledAt = Date.now();
        bot.child.kill('SIGTERM');
      }
      return { voter: `slack:UV${i}`, status };
    });
    const results = await Promise.all(clicks);
    await fake.waitFor(stopping, 10_000);
    const readyWhileStopping = await underWay.finish();
    const { code, signal } = await Promise.race([
      exit,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error('the bot did not exit within its deadline plus 10 s')),
          DEADLINE_SECONDS * 1000 + 10_000,
        ),
      ),
    ]);
    await probe;
    const tookMs = exitedAt - signalledAt;
    const answers = (list: typeof readiness) => [...new Set(list.map((r) => r.status))].join(', ');
    console.log(
      `shutdown: exited ${tookMs} ms after SIGTERM (deadline ${DEADLINE_SECONDS} s); ` +
        `${results.filter((r) => r.status === 200).length}/${VOTERS} clicks acknowledged; /readyz before: ` +
        `${answers(readiness.filter((r) => !r.afterStopping))}, after: ${answers(readiness.filter((r) => r.afterStopping))}, ` +
        `under way: ${readyWhileStopping}`,
    );
    expect(signalledAt).toBeGreaterThan(0);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(DEADLINE_SECONDS * 1000 + SLACK_MS);

    // Every click the bot answered with 200 is a vote in the store, reopened from the data folder.
    const acked = results.filter((r) => r.status === 200).map((r) => r.voter);
    expect(acked.length).toBeGreaterThanOrEqual(Math.floor(VOTERS / 3));
    const store = await EmbeddedStore.open(dataDir);
    try {
      const roundId = (await store.getIdea('IP-1'))?.latestRoundId as string;
      const voted = new Set((await store.listParticipation(roundId)).map((p) => p.personId));
      expect(acked.filter((voter) => !voted.has(voter))).toEqual([]);
      expect((await store.listVotes(roundId)).length).toBe(voted.size);
    } finally {
      await store.close();
    }
    // Once the process was stopping, /readyz never said ready: 503 to a request already under way, and new
    // connections refused.
    expect(readyWhileStopping).toBe(503);
    const afterStopping = readiness.filter((r) => r.afterStopping).map((r) => r.status);
    expect(afterStopping.filter((s) => s === 200)).toEqual([]);
    expect(readiness.some((r) => !r.afterStopping && r.status === 200)).toBe(true);
  }, 60_000);
});
