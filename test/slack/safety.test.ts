import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIdea } from './seed.js';
import { SlackKit } from './slack-kit.js';
import { makeBlockAction, makeCommand, signedHeaders } from './slack-payloads.js';

const FORM = 'application/x-www-form-urlencoded';
let kit: SlackKit;
beforeAll(async () => {
  kit = await SlackKit.start({ SLACK_TEAM_ID: 'T1' });
  await seedIdea(kit, 'slack:USUB', 'Dedicated capacity for urgent care');
});
afterAll(async () => kit.close());

describe('requests Slack did not sign are refused', () => {
  it('a forged signature gets 401, nothing is done, and the log says what to check', async () => {
    const body = makeCommand('comment IP-1 forged', { userId: 'UADMIN', responseUrl: kit.fake.responseUrl() });
    const res = await kit.post(body, FORM, signedHeaders(body, { secret: 'not-the-secret' }));
    expect(res.status).toBe(401);
    expect(kit.logs.some((l) => l.message.includes('Check SLACK_SIGNING_SECRET'))).toBe(true);
    expect((await kit.bot.pilot.deps.store.getIdea('IP-1'))?.comments).toHaveLength(0);
  });

  it('a stale timestamp (over five minutes old) gets 401 even with a correct signature', async () => {
    const body = makeCommand('help', { userId: 'U1' });
    const res = await kit.post(body, FORM, signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(res.status).toBe(401);
  });

  it('missing signature headers get 401', async () => {
    expect((await kit.post(makeCommand('help', { userId: 'U1' }), FORM, {})).status).toBe(401);
  });

  it('a body changed after signing gets 401', async () => {
    const body = makeCommand('help', { userId: 'U1' });
    expect((await kit.post(body.replace('U1', 'UADMIN'), FORM, signedHeaders(body))).status).toBe(401);
  });
});

describe('Slack retries are acted on once', () => {
  it('a retried event (same event id, X-Slack-Retry-Num) publishes the Home tab once', async () => {
    const event = { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home', event_ts: '1.0' };
    expect((await kit.event(event, { eventId: 'Ev1' })).status).toBe(200);
    expect((await kit.event(event, { eventId: 'Ev1', retryNum: 1 })).status).toBe(200);
    await kit.fake.waitFor(() => kit.fake.callsTo('views.publish').length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(kit.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('the same command delivered twice adds one comment and answers once', async () => {
    const responseUrl = kit.fake.responseUrl();
    const body = makeCommand('comment IP-1 once only', { userId: 'U1', responseUrl, triggerId: 'trig.same' });
    expect((await kit.post(body, FORM)).status).toBe(200);
    expect((await kit.post(body, FORM, { ...signedHeaders(body), 'x-slack-retry-num': '1' })).status).toBe(200);
    await kit.fake.waitFor(() => kit.fake.responses.find((r) => r.path.endsWith(new URL(responseUrl).pathname)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(kit.fake.responses.filter((r) => r.path === new URL(responseUrl).pathname)).toHaveLength(1);
    expect((await kit.bot.pilot.deps.store.getIdea('IP-1'))?.comments.map((c) => c.text)).toEqual(['once only']);
  });

  it('the same button click delivered twice is answered once', async () => {
    const responseUrl = kit.fake.responseUrl();
    const body = makeBlockAction(
      { action_id: 'idea.show#0', value: 'IP-1' },
      { userId: 'U1', responseUrl, triggerId: 'trig.click', actionTs: '123.456' },
    );
    await kit.post(body, FORM);
    await kit.post(body, FORM);
    await kit.fake.waitFor(() => kit.fake.responses.find((r) => r.path === new URL(responseUrl).pathname));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(kit.fake.responses.filter((r) => r.path === new URL(responseUrl).pathname)).toHaveLength(1);
  });
});

describe('malformed payloads never cause a 500', () => {
  const cases: [string, string, string][] = [
    ['bad JSON in payload=', 'payload=%7Bnot-json', FORM],
    [
      'a click without a user',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'x', type: 'button' }] }))}`,
      FORM,
    ],
    [
      'a submission without a view',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: 'U1' } }))}`,
      FORM,
    ],
    ['a command without a user', 'command=%2Fpilot&text=help', FORM],
    ['an event without its event', JSON.stringify({ type: 'event_callback', event_id: 'Ev9' }), 'application/json'],
    ['an unknown payload type', JSON.stringify({ type: 'mystery' }), 'application/json'],
    ['a JSON array', '[1,2,3]', 'application/json'],
    ['an empty body', '', 'application/json'],
  ];
  for (const [name, body, type] of cases) {
    it(`${name} gets a 400`, async () => {
      const res = await kit.post(body, type);
      expect(res.status).toBe(400);
    });
  }

  it('kinds the bot does not use are acknowledged and dropped', async () => {
    const body = `payload=${encodeURIComponent(JSON.stringify({ type: 'view_closed', user: { id: 'U1' }, view: { id: 'V1' } }))}`;
    expect((await kit.post(body, FORM)).status).toBe(200);
  });

  it('Slack’s URL check gets its challenge back', async () => {
    const res = await kit.post(JSON.stringify({ type: 'url_verification', challenge: 'abc123' }), 'application/json');
    expect(JSON.parse(res.body)).toEqual({ challenge: 'abc123' });
  });

  it('a button the bot does not know is answered kindly', async () => {
    const answer = await kit.answer(await kit.click('U1', { action_id: 'mystery.button#2', value: '' }));
    expect(answer.text).toContain('That button is not one I know any more');
  });
});

describe('identity and workspace', () => {
  it('a request from another workspace is refused politely and not acted on', async () => {
    const answer = await kit.answer(await kit.command('U1', 'comment IP-1 from elsewhere', { teamId: 'T999' }));
    expect(answer.kind).toBe('ephemeral');
    expect(answer.text).toContain('set up for a different Slack workspace');
    expect((await kit.bot.pilot.deps.store.getIdea('IP-1'))?.comments.map((c) => c.text)).not.toContain(
      'from elsewhere',
    );
  });

  it('Slack was never asked who the bot is (no auth.test at start-up or later)', () => {
    expect(kit.fake.callsTo('auth.test')).toHaveLength(0);
  });
});
