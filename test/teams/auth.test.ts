import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage, makeUser, personalChat } from './make-activity.js';
import { startTeamsHarness, type TeamsHarness } from './teams-harness.js';

const alice = makeUser('alice');
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';

/** A token that looks right but is signed with a key of our own choosing (HS256), so it must be refused. */
function forgedToken(audience: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT', kid: 'forged' })}.${part({ aud: audience, iss: 'https://api.botframework.com', serviceurl: 'http://127.0.0.1/', iat: now, nbf: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac('sha256', 'not-microsofts-key').update(unsigned).digest('base64url')}`;
}

describe('with clientId set, the SDK checks every request’s JWT', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ clientId: CLIENT_ID });
  });
  afterAll(async () => {
    await h.close();
  });

  it('is not local mode', () => {
    expect(h.bot.localMode).toBe(false);
  });

  it('refuses a request without a token, a malformed header and a forged token, with 401 and no reply sent', async () => {
    const activity = makeMessage(h.fake.url, alice, personalChat(alice), 'help');
    expect((await h.send(activity)).status).toBe(401);
    expect((await h.send(activity, { authorization: 'Basic abc' })).status).toBe(401);
    expect((await h.send(activity, { authorization: `Bearer ${forgedToken('someone-else')}` })).status).toBe(401);
    expect((await h.send(activity, { authorization: `Bearer ${forgedToken(CLIENT_ID)}` })).status).toBe(401);
    expect(h.fake.calls).toHaveLength(0);
  });

  it('checks the token before it looks at the body', async () => {
    expect((await h.send({ nonsense: true })).status).toBe(401);
  });
});

describe('without clientId, outside production, the endpoint is open for local use', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers an unauthenticated activity', async () => {
    const r = await h.send(makeMessage(h.fake.url, alice, personalChat(alice), 'help'));
    expect(r.status).toBe(200);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]?.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('retries a reply that Teams throttles (429) and delivers it', async () => {
    h.fake.throttleNext(1);
    const r = await h.send(makeMessage(h.fake.url, alice, personalChat(alice), 'roles'));
    expect(r.status).toBe(200);
    expect(r.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(r.calls[0]?.path).toBe(r.calls[1]?.path);
  });

  it('gives up after a few tries without failing the request', async () => {
    h.fake.throttleNext(100);
    const r = await h.send(makeMessage(h.fake.url, alice, personalChat(alice), 'roles'));
    expect(r.status).toBe(200);
    expect(r.calls.every((c) => c.status === 429)).toBe(true);
    h.fake.throttleNext(0);
  });
});
