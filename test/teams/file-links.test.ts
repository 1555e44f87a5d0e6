import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { PURGE_FILES_EVERY_MS, PURGE_FILES_JOB_ID } from '../../src/workflows/purge-files.js';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { makeUser } from './make-activity.js';
import { startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps } from './teams-steps.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

const PUBLIC = 'https://pilot.example.org';
const pm = makeUser('pat', 'Pat Morgan');
let h: TeamsHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The first link (Action.OpenUrl) on a card ending in `suffix`. */
function linkEnding(card: Json, suffix: string): string {
  const found: string[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (v.type === 'Action.OpenUrl' && String(v.url).endsWith(suffix)) found.push(v.url);
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  expect(found, JSON.stringify(card)).not.toHaveLength(0);
  return found[0]!;
}

const tokenOf = (url: string) => /\/teams\/files\/([A-Za-z0-9_-]{24})\//.exec(url)![1]!;

describe('Teams download links over the file port', () => {
  it('serves a file from the file port, refuses it once expired, and the purge job removes it', async () => {
    const bot = (h = await startTeamsHarness({ PILOT_PUBLIC_URL: PUBLIC }));
    const s = steps(bot);
    await s.say(pm, 'help');
    const url = linkEnding((await s.say(pm, 'export')).card, '.csv');
    const token = tokenOf(url);
    const res = await fetch(url.replace(PUBLIC, bot.bot.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    // Kept in the file port, not as a setting.
    expect(await bot.bot.store.getFile(token)).toMatchObject({ id: token });
    expect(await bot.bot.store.listSettingKeys('teams:file:')).toEqual([]);

    bot.clock.advanceHours(25);
    expect((await fetch(url.replace(PUBLIC, bot.bot.url))).status).toBe(404);
    const ran = await runDueJobs(bot.bot.pilot.deps, bot.bot.pilot.voting, 'test-replica');
    expect(ran.map((j) => j.kind)).toContain('purge_files');
    expect(await bot.bot.store.getFile(token)).toBeNull();
    expect(await bot.bot.store.listExpiredFiles(bot.clock.now())).toEqual([]);
    // The purge comes round again an hour later.
    expect(await bot.bot.store.getJob(PURGE_FILES_JOB_ID)).toMatchObject({
      kind: 'purge_files',
      done: false,
      dueAt: new Date(bot.clock.now().getTime() + PURGE_FILES_EVERY_MS).toISOString(),
    });
    expect(await runDueJobs(bot.bot.pilot.deps, bot.bot.pilot.voting, 'test-replica')).toEqual([]);
  });

  it('moves files an earlier release kept in settings at start-up, under the same link', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pilot-teams-old-'));
    const old = await EmbeddedStore.open(dataDir);
    const live = 'L'.repeat(24);
    const expired = 'E'.repeat(24);
    // The settings record shape releases before the file port wrote (src/bot/teams/file-links.ts).
    await old.putSetting(`teams:file:${live}`, {
      filename: 'old.csv',
      mimeType: 'text/csv',
      base64: Buffer.from('id,title\nIP-1,Old\n').toString('base64'),
      expiresAt: '2026-11-23T20:00:00.000Z',
    });
    await old.putSetting(`teams:file:${expired}`, {
      filename: 'gone.csv',
      mimeType: 'text/csv',
      base64: Buffer.from('x').toString('base64'),
      expiresAt: '2026-11-22T20:00:00.000Z',
    });
    await old.putSetting('teams:conversation:19:abc', { keep: true });
    await old.close();

    const bot = (h = await startTeamsHarness({ PILOT_PUBLIC_URL: PUBLIC }, undefined, { dataDir }));
    const res = await fetch(`${bot.bot.url}/teams/files/${live}/old.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="old.csv"');
    expect(await res.text()).toBe('id,title\nIP-1,Old\n');
    expect((await fetch(`${bot.bot.url}/teams/files/${expired}/gone.csv`)).status).toBe(404);
    // The settings records are gone; the file is in the file port; other settings are untouched.
    expect(await bot.bot.store.listSettingKeys('teams:file:')).toEqual([]);
    expect(await bot.bot.store.getFile(live)).toMatchObject({ expiresAt: '2026-11-23T20:00:00.000Z' });
    expect(await bot.bot.store.getFile(expired)).toBeNull();
    expect(await bot.bot.store.getSetting('teams:conversation:19:abc')).toEqual({ keep: true });
  });
});
