import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../teams/make-activity.js';
import { cardText, startTeamsHarness, type TeamsHarness } from '../teams/teams-harness.js';
import { steps } from '../teams/teams-steps.js';
import { BOARD_SECRET, linkIn, PUBLIC_URL } from './board-kit.js';

// `board link` in Teams (the same core command): the card carries the link, and the link signs in.

const pm = makeUser('pat', 'Pat Morgan');
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({ PILOT_PUBLIC_URL: PUBLIC_URL, PILOT_BOARD_SECRET: BOARD_SECRET });
});
afterAll(async () => h?.close());

describe('board link in Teams', () => {
  it('answers with a personal link that opens a session', async () => {
    const { card } = await steps(h).say(pm, 'board link');
    const link = linkIn(cardText(card));
    expect(link.startsWith(`${PUBLIC_URL}/board/link?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token') ?? '';
    const res = await fetch(`${h.bot.url}/board/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^pilot_board=/);
  });
});
