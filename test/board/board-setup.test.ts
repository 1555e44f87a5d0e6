import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBot } from '../../src/app/start-bot.js';
import { loadSettings } from '../../src/config/settings.js';
import { silentLogger } from '../../src/workflows/deps.js';
import { SlackKit } from '../slack/slack-kit.js';
import { TestClock } from '../support/pilot-harness.js';
import { BOARD_SECRET, BoardClient, linkIn } from './board-kit.js';

// How the board is set up: the secret and the public address, in production, elsewhere and in local mode,
// and the limit on tries at the link exchange.

const say = async (kit: SlackKit, user: string, text: string) => (await kit.answer(await kit.command(user, text))).text;

describe('PILOT_BOARD_SECRET', () => {
  it('is required in production, and must be long', () => {
    expect(() => loadSettings({ NODE_ENV: 'production' })).toThrow(/PILOT_BOARD_SECRET is not set/);
    expect(() => loadSettings({ PILOT_BOARD_SECRET: 'short' })).toThrow(/PILOT_BOARD_SECRET.*32/);
    expect(loadSettings({ NODE_ENV: 'production', PILOT_BOARD_SECRET: BOARD_SECRET }).boardSecret).toBe(BOARD_SECRET);
  });

  it('missing outside local mode: links are off and say why, published ideas still show', async () => {
    const kit = await SlackKit.start({ PILOT_PUBLIC_URL: 'https://pilots.example.org' });
    try {
      expect(await say(kit, 'UADMIN', 'board link')).toContain('PILOT_BOARD_SECRET');
      const board = new BoardClient(kit);
      expect((await board.get('/board')).status).toBe(200);
      const exchange = await board.useLink('https://pilots.example.org/board/link?token=abc.def');
      expect(exchange.status).toBe(503);
      expect(exchange.body).toContain('not set up yet');
      expect(kit.logs.map((l) => l.message)).toContain(
        'PILOT_BOARD_SECRET is not set: board links are switched off (published ideas are still shown)',
      );
    } finally {
      await kit.close();
    }
  });
});

describe('PILOT_PUBLIC_URL', () => {
  it('missing outside local mode: board link says so', async () => {
    const kit = await SlackKit.start({ PILOT_BOARD_SECRET: BOARD_SECRET });
    try {
      const text = await say(kit, 'UADMIN', 'board link');
      expect(text).toContain('PILOT_PUBLIC_URL');
      expect(text).not.toContain('/board/link');
    } finally {
      await kit.close();
    }
  });

  it('in local mode, links name the local address and work without any setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilot-board-local-'));
    const bot = await startBot({
      env: { PORT: '0', DATA_DIR: dir, PLAYGROUND: '0', PILOT_DEMO_DATA: 'false' },
      scheduler: false,
      logger: silentLogger,
      clock: new TestClock().now,
    });
    try {
      const reply = await bot.pilot.core.handle(
        { personId: 'local:me', platform: 'teams' },
        { kind: 'text', text: 'board link' },
      );
      const link = linkIn(reply?.blocks.map((b) => ('text' in b ? b.text : '')).join('\n') ?? '');
      expect(link.startsWith(`${bot.url}/board/link?token=`)).toBe(true);
      const token = new URL(link).searchParams.get('token')!;
      const res = await fetch(`${bot.url}/board/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      // No https address: the cookie is not marked Secure (it would not be sent back over http).
      expect(res.headers.get('set-cookie')).not.toContain('Secure');
    } finally {
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the link exchange', () => {
  it('allows 10 tries per 10 minutes from one address, then asks to wait', async () => {
    const kit = await SlackKit.start({
      PILOT_BOARD_SECRET: BOARD_SECRET,
      PILOT_PUBLIC_URL: 'https://pilots.example.org',
    });
    try {
      const board = new BoardClient(kit);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push((await board.useLink('https://x.example/board/link?token=bad.bad')).status);
      expect(statuses.every((s) => s === 403)).toBe(true);
      const eleventh = await board.useLink('https://x.example/board/link?token=bad.bad');
      expect(eleventh.status).toBe(429);
      expect(eleventh.body).toContain('Please wait 10 minutes');
      kit.clock.advanceHours(0.2);
      expect((await board.useLink('https://x.example/board/link?token=bad.bad')).status).toBe(403);
      // Where it cannot be shown privately (a Teams channel without a private chat), the link is not posted.
      const reply = await kit.bot.pilot.core.handle(
        { personId: 'slack:UADMIN', platform: 'slack' },
        { kind: 'text', text: 'board link' },
      );
      expect(reply?.text).toContain('/board/link?token=');
      expect(reply?.lastingText).toContain('I have not posted it');
      expect(reply?.lastingText).not.toContain('token');
      // Twelve committee members at one meeting, behind one office address: opening the page and using a
      // good link count for nothing, so none of them is turned away.
      await kit.bot.pilot.people.assign('slack:UADMIN', 'slack:UADMIN', ['admin']);
      kit.clock.advanceHours(0.2);
      for (let i = 0; i < 12; i++) {
        const say = await kit.answer(await kit.command('UADMIN', 'board link'));
        const link = linkIn(say.text);
        expect((await board.get(link)).status).toBe(200);
        expect((await new BoardClient(kit).useLink(link)).status).toBe(303);
      }
    } finally {
      await kit.close();
    }
  });
});
