import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoStore } from '../../src/store/mongo-store.js';
import { initialPipelineSnapshot } from '../../src/workflows/pipeline-snapshot.js';
import { type BotProcess, BotProcesses } from '../support/bot-processes.js';
import { makeIdea } from '../support/factories.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { button } from '../slack/slack-kit.js';
import { makeBlockAction, makeCommand, SIGNING_SECRET, signedHeaders } from '../slack/slack-payloads.js';

const uri = process.env.MONGODB_URI;

/** `uri` with its database name replaced, so each run has a database of its own. */
function withDatabase(base: string, name: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(\/[^?]*)?(\?.*)?$/.exec(base);
  if (!m) throw new Error('MONGODB_URI is not a mongodb:// URI');
  return `${m[1]}/${name}${m[3] ?? ''}`;
}

async function post(url: string, body: string): Promise<number> {
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body) },
  });
  await res.arrayBuffer();
  return res.status;
}

describe.skipIf(!uri)('two bot processes against one MongoDB', () => {
  const database = `pilot_two_${randomUUID().slice(0, 8)}`;
  let fake: FakeSlack;
  const processes = new BotProcesses();
  let bots: BotProcess[] = [];
  let store: MongoStore;

  beforeAll(async () => {
    fake = await startFakeSlack();
    const env = {
      PORT: '0',
      MONGODB_URI: withDatabase(uri as string, database),
      SLACK_BOT_TOKEN: 'xoxb-two',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PILOT_ADMINS: 'slack:UADMIN',
      PILOT_DEMO_DATA: 'false',
      PILOT_EXPERTS_FORUM: 'slack:CFORUM',
    };
    // Both are tracked as soon as they are spawned: if one fails to start, afterAll still stops the other.
    bots = await Promise.all([processes.start(env), processes.start(env)]);
    store = await MongoStore.connect(withDatabase(uri as string, database));
  }, 60_000);

  afterAll(async () => {
    try {
      // The children first: they talk to the fake Slack and the database until they have exited.
      await processes.stopAll();
      await store?.close();
      const client = new MongoClient(uri as string);
      try {
        await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    } finally {
      await fake?.close();
    }
  }, 60_000);

  it('a 500-vote burst split across both processes records every vote exactly once', async () => {
    const [a, b] = bots;
    if (!a || !b) throw new Error('both bot processes must be running');
    expect(await post(a.url, makeCommand('role <@UPM> pm', { userId: 'UADMIN' }))).toBe(200);
    for (let i = 0; i < 500; i++)
      await store.putPerson({ id: `slack:UV${i}`, roles: ['expert'], updatedAt: '2026-11-23T09:00:00.000Z' });
    await store.insertIdea(makeIdea({ id: 'IP-1', number: 1, snapshot: initialPipelineSnapshot() }));
    await store.nextIdeaNumber();
    expect(await post(b.url, makeCommand('vote open IP-1 support 48', { userId: 'UPM' }))).toBe(200);
    const message = await fake.waitFor(
      () => fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CFORUM'),
      20_000,
    );
    const support = button(message.body, 'Support');
    const statuses = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        post(i % 2 ? a.url : b.url, makeBlockAction(support, { userId: `UV${i}`, channelId: 'CFORUM' })),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    const roundId = (await store.getIdea('IP-1'))?.latestRoundId as string;
    let votes = await store.listVotes(roundId);
    for (let i = 0; i < 200 && votes.length < 500; i++) {
      await new Promise((r) => setTimeout(r, 100));
      votes = await store.listVotes(roundId);
    }
    expect(votes).toHaveLength(500);
    expect(new Set(votes.map((v) => v.voterKey)).size).toBe(500);
    expect((await store.listParticipation(roundId)).length).toBe(500);
  }, 120_000);
});

// Said out loud rather than shown as a pass: without MongoDB this suite does not run at all.
if (!uri)
  console.log(
    'Two-process concurrency test skipped: MONGODB_URI is unset. Point it at a MongoDB replica set to run it.',
  );
