import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsError } from '../../src/config/settings.js';
import { makeMessage, makeUser, personalChat } from './make-activity.js';
import { type LogLine, recordingLogger, startTeamsHarness, type TeamsHarness } from './teams-harness.js';

const admin = makeUser('admin', 'Ada Admin');
const mallory = makeUser('mallory', 'Mallory Moss');
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret' };

/** The machine's first address that is not loopback (the bot must not answer local-mode traffic there). */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** A server on every interface that records any request, standing in for "somewhere else" a serviceUrl could name. */
async function elsewhere(): Promise<{ server: Server; requests: string[]; port: number }> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return { server, requests, port: (server.address() as AddressInfo).port };
}

/** The admin's AAD id claimed as a bare Teams id, in an otherwise ordinary message. */
function claimingAdmin(serviceUrl: string, text: string, overrides: Record<string, unknown> = {}) {
  const activity = makeMessage(serviceUrl, mallory, personalChat(mallory), text);
  return { ...activity, from: { id: admin.aadObjectId, name: 'Ada Admin' }, ...overrides };
}

const refusals = (lines: LogLine[]) =>
  lines.filter((l) => l.level === 'warn' && l.message === 'Teams activity refused');

describe('Slack configured, no Teams clientId, not production: Teams is not served at all', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ ...SLACK, PILOT_ADMINS: admin.personId });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 404 to an unsigned activity claiming an admin, runs nothing and sends nothing', async () => {
    expect(h.bot.localMode).toBe(false);
    const r = await h.send(claimingAdmin(h.fake.url, `role ${mallory.personId} admin`));
    expect(r.status).toBe(404);
    const signedUp = await h.send(
      makeMessage(h.fake.url, admin, personalChat(admin), `role ${mallory.personId} admin`),
    );
    expect(signedUp.status).toBe(404);
    expect(h.fake.calls).toHaveLength(0);
    expect((await h.bot.store.getPerson(mallory.personId))?.roles ?? []).not.toContain('admin');
    expect(h.bot.adapters.map((a) => a.name)).not.toContain('teams');
  });
});

describe('PILOT_TEAMS_AUTH is checked at start-up', () => {
  it('is refused with NODE_ENV=production, naming the setting', async () => {
    const started = startTeamsHarness({
      NODE_ENV: 'production',
      PILOT_TEAMS_AUTH: 'off',
      PILOT_BOARD_SECRET: 'x'.repeat(32),
    });
    await expect(started).rejects.toThrow(SettingsError);
    await expect(started).rejects.toThrow(/PILOT_TEAMS_AUTH/);
  });

  it('refuses a value other than on or off, and off beside a clientId', async () => {
    await expect(startTeamsHarness({ PILOT_TEAMS_AUTH: 'disabled' })).rejects.toThrow(/PILOT_TEAMS_AUTH/);
    await expect(startTeamsHarness({ PILOT_TEAMS_AUTH: 'off', clientId: 'abc' })).rejects.toThrow(/PILOT_TEAMS_AUTH/);
  });
});

describe('PILOT_TEAMS_AUTH=off (testing only): unsigned, so it answers only to this machine and only Teams activities', () => {
  let h: TeamsHarness;
  const log = recordingLogger();
  let other: Awaited<ReturnType<typeof elsewhere>>;
  beforeAll(async () => {
    other = await elsewhere();
    h = await startTeamsHarness(
      { ...SLACK, PILOT_TEAMS_AUTH: 'off', PILOT_ADMINS: admin.personId, tenantId: 'tenant-0001' },
      undefined,
      { logger: log },
    );
  });
  afterAll(async () => {
    await h.close();
    await new Promise<void>((resolve) => other.server.close(() => resolve()));
  });

  it('warns at start that the endpoint is unauthenticated', () => {
    expect(h.bot.localMode).toBe(false);
    expect(log.lines.some((l) => l.level === 'warn' && l.message.includes('PILOT_TEAMS_AUTH=off'))).toBe(true);
  });

  it('answers a Teams activity whose serviceUrl is on this machine', async () => {
    const r = await h.send(makeMessage(h.fake.url, admin, personalChat(admin), 'help'));
    expect(r.status).toBe(200);
    expect(r.calls).toHaveLength(1);
  });

  it('refuses any other serviceUrl with 403 and a log line, before sending anything anywhere', async () => {
    const urls = [
      'https://evil.example/',
      `http://127.0.0.1@evil.example:${other.port}/`,
      'http://localhost.evil.example/',
      'http://127.0.0.1.nip.io/',
      ...(outsideAddress ? [`http://${outsideAddress}:${other.port}/`] : []),
    ];
    for (const url of urls) {
      const before = refusals(log.lines).length;
      const r = await h.send(makeMessage(url, admin, personalChat(admin), `role ${mallory.personId} admin`));
      expect(r.status, url).toBe(403);
      expect(JSON.stringify(r.body)).toContain('this machine');
      expect(refusals(log.lines).length, url).toBe(before + 1);
      expect(r.calls, url).toEqual([]);
    }
    expect(other.requests).toEqual([]);
    expect((await h.bot.store.getPerson(mallory.personId))?.roles ?? []).not.toContain('admin');
  });

  it('refuses an activity from another channel (directline) claiming an admin’s id, with 403 and a log line', async () => {
    const before = refusals(log.lines).length;
    for (const channelId of ['directline', 'webchat', 'emulator', undefined]) {
      const r = await h.send(claimingAdmin(h.fake.url, `role ${mallory.personId} admin`, { channelId }));
      expect(r.status, String(channelId)).toBe(403);
      expect(r.calls).toEqual([]);
    }
    expect(refusals(log.lines).length).toBe(before + 4);
    expect(refusals(log.lines).at(-1)?.context).toMatchObject({ reason: 'not a Teams channel' });
    expect((await h.bot.store.getPerson(mallory.personId))?.roles ?? []).not.toContain('admin');
  });

  it('never takes from.id as the sender outside local mode: a Teams activity without an AAD object id is refused', async () => {
    const r = await h.send(claimingAdmin(h.fake.url, `role ${mallory.personId} admin`));
    expect(r.status).toBe(403);
    expect(refusals(log.lines).at(-1)?.context).toMatchObject({ reason: 'no AAD object id' });
    expect(r.calls).toEqual([]);
    expect((await h.bot.store.getPerson(mallory.personId))?.roles ?? []).not.toContain('admin');
  });

  it('refuses an activity from another tenant (on the conversation or in channelData) with 403 and a log line', async () => {
    const base = makeMessage(h.fake.url, admin, personalChat(admin), `role ${mallory.personId} admin`);
    const cases = [
      { ...base, conversation: { ...personalChat(admin), tenantId: 'tenant-9999' } },
      { ...base, channelData: { tenant: { id: 'tenant-9999' } } },
      { ...base, conversation: { id: personalChat(admin).id, conversationType: 'personal' }, channelData: {} },
    ];
    for (const activity of cases) {
      const before = refusals(log.lines).length;
      const r = await h.send(activity);
      expect(r.status).toBe(403);
      expect(refusals(log.lines).length).toBe(before + 1);
      expect(refusals(log.lines).at(-1)?.context).toMatchObject({ reason: 'another tenant' });
      expect(r.calls).toEqual([]);
    }
    expect((await h.bot.store.getPerson(mallory.personId))?.roles ?? []).not.toContain('admin');
  });

  it('still lets the real admin, from the right tenant, give a role', async () => {
    const r = await h.send(makeMessage(h.fake.url, admin, personalChat(admin), `role ${mallory.personId} pm`));
    expect(r.status).toBe(200);
    expect((await h.bot.store.getPerson(mallory.personId))?.roles).toContain('pm');
  });

  it.skipIf(!outsideAddress)('listens on every interface (it is not local mode)', async () => {
    const res = await fetch(`http://${outsideAddress}:${h.bot.port}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe('local mode (no chat credentials): open without sign-in, but only on and to this machine', () => {
  let h: TeamsHarness;
  const log = recordingLogger();
  beforeAll(async () => {
    h = await startTeamsHarness({}, undefined, { logger: log });
  });
  afterAll(async () => {
    await h.close();
  });

  it.skipIf(!outsideAddress)('listens on 127.0.0.1 only', async () => {
    expect(h.bot.localMode).toBe(true);
    await expect(fetch(`http://${outsideAddress}:${h.bot.port}/healthz`)).rejects.toThrow();
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
  });

  it('answers the Agents Playground (channelId msteams, serviceUrl on localhost)', async () => {
    const playground = makeMessage(h.fake.url.replace('127.0.0.1', 'localhost'), admin, personalChat(admin), 'help');
    const r = await h.send(playground);
    expect(r.status).toBe(200);
    expect(r.calls).toHaveLength(1);
  });

  it('refuses a serviceUrl off this machine, and a channel other than msteams, with 403 and a log line', async () => {
    const away = await h.send(makeMessage('https://evil.example/', admin, personalChat(admin), 'help'));
    expect(away.status).toBe(403);
    const directline = await h.send({
      ...makeMessage(h.fake.url, admin, personalChat(admin), 'help'),
      channelId: 'directline',
    });
    expect(directline.status).toBe(403);
    expect([...away.calls, ...directline.calls]).toEqual([]);
    expect(refusals(log.lines).map((l) => l.context?.reason)).toEqual([
      'serviceUrl not on the loopback address',
      'not a Teams channel',
    ]);
  });
});
