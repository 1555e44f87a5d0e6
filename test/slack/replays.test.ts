import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIdea, submission } from './seed.js';
import { SlackKit } from './slack-kit.js';
import { makeCommand, makeViewSubmission, modalValues, signedHeaders } from './slack-payloads.js';

const FORM = 'application/x-www-form-urlencoded';
let kit: SlackKit;
beforeAll(async () => {
  kit = await SlackKit.start();
  await seedIdea(kit, 'slack:USUB', 'Dedicated capacity for urgent care');
});
afterAll(async () => kit.close());

/** A signed view_submission body for the submit modal, with Slack's `trigger_id` left out. */
async function submissionWithoutTrigger(title: string): Promise<string> {
  const view = await kit.modal(await kit.command('U1', `submit ${title}`));
  const form = new URLSearchParams(makeViewSubmission(view, modalValues(view, submission(title)), { userId: 'U1' }));
  const payload = JSON.parse(form.get('payload')!) as Record<string, unknown>;
  delete payload.trigger_id;
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

const titles = async () => (await kit.bot.pilot.deps.store.listIdeas()).map((i) => i.title);

describe('a replayed modal submission is stored once', () => {
  it('the same signed view_submission without trigger_id, sent twice, makes one idea', async () => {
    const body = await submissionWithoutTrigger('Replayed night sitting');
    expect((await kit.post(body, FORM)).status).toBe(200);
    expect((await kit.post(body, FORM, { ...signedHeaders(body), 'x-slack-retry-num': '1' })).status).toBe(200);
    expect((await titles()).filter((t) => t === 'Replayed night sitting')).toHaveLength(1);
    expect(kit.logs.some((l) => l.message.includes('already handled'))).toBe(true);
  });

  it('two different submissions of the same modal without trigger_id are both stored', async () => {
    const view = await kit.modal(await kit.command('U2', 'submit First of two'));
    for (const title of ['First of two', 'Second of two']) {
      const form = new URLSearchParams(
        makeViewSubmission(view, modalValues(view, submission(title)), { userId: 'U2' }),
      );
      const payload = JSON.parse(form.get('payload')!) as Record<string, unknown>;
      delete payload.trigger_id;
      (payload.view as Record<string, unknown>).id = 'VSAME';
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      expect((await kit.post(body, FORM)).status).toBe(200);
    }
    expect(await titles()).toEqual(expect.arrayContaining(['First of two', 'Second of two']));
  });
});

describe('signatures from the future are refused', () => {
  const offsets: [string, number][] = [
    ['ten minutes ahead', 10 * 60],
    ['a year ahead', 365 * 24 * 3600],
    ['ten minutes behind', -10 * 60],
  ];
  for (const [name, offset] of offsets) {
    it(`a correctly signed command timestamped ${name} gets 401, is not acted on, and the log names the clock`, async () => {
      const since = kit.logs.length;
      const responseUrl = kit.fake.responseUrl();
      const body = makeCommand(`comment IP-1 from ${name}`, { userId: 'U1', responseUrl });
      const timestamp = Math.floor(Date.now() / 1000) + offset;
      const res = await kit.post(body, FORM, signedHeaders(body, { timestamp }));
      expect(res.status).toBe(401);
      expect(res.body).not.toContain(String(timestamp));
      const line = kit.logs
        .slice(since)
        .find((l) => /^Slack request timestamp is \d+ s off: check the server clock/.test(l.message));
      const seconds = Number(/is (\d+) s off/.exec(line?.message ?? '')?.[1]);
      expect(Math.abs(seconds - Math.abs(offset))).toBeLessThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(kit.fake.responses.filter((r) => r.path === new URL(responseUrl).pathname)).toHaveLength(0);
      expect((await kit.bot.pilot.deps.store.getIdea('IP-1'))?.comments).toHaveLength(0);
    });
  }

  it('a forged request with a far-off timestamp is logged as a signature problem, not a clock problem', async () => {
    const since = kit.logs.length;
    const body = makeCommand('help', { userId: 'U1' });
    const timestamp = Math.floor(Date.now() / 1000) + 3600;
    const res = await kit.post(body, FORM, signedHeaders(body, { secret: 'not-the-secret', timestamp }));
    expect(res.status).toBe(401);
    const logged = kit.logs.slice(since).map((l) => l.message);
    expect(logged.some((m) => m.includes('Check SLACK_SIGNING_SECRET'))).toBe(true);
    expect(logged.some((m) => m.includes('check the server clock'))).toBe(false);
  });

  it('a timestamp within a few seconds either way is still accepted', async () => {
    const body = makeCommand('help', { userId: 'U1' });
    const timestamp = Math.floor(Date.now() / 1000) + 30;
    expect((await kit.post(body, FORM, signedHeaders(body, { timestamp }))).status).toBe(200);
  });
});
