import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDay } from '../../src/domain/engagement.js';
import { makeUser } from './make-activity.js';
import { cardText, inputIds, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

// Not local mode (where everyone is a PM), so that who may log engagement is really checked.
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret' };
const admin = makeUser('ada', 'Ada Admin');
const facilitator = makeUser('fay', 'Fay Lee');
const stakeholder = makeUser('sam', 'Sam Okafor');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;
let id = '';

const WORKSHOP = {
  kind: 'focus_group',
  date: '2026-11-18',
  numberOfPeople: '9',
  groups: 'carers,community',
  whatTheySaid: 'Weekend visits are the hardest to find.',
};
const errorsOn = (card: Json) =>
  cardText(card)
    .split('\n')
    .filter((l) => l.startsWith('⚠️'));
const engagements = async () => (await h.bot.store.getIdea(id))?.engagements ?? [];

beforeAll(async () => {
  h = await startTeamsHarness({
    ...SLACK,
    PILOT_TEAMS_AUTH: 'off',
    PILOT_ADMINS: admin.personId,
    tenantId: 'tenant-0001',
  });
  s = steps(h);
  for (const who of [facilitator, stakeholder]) await s.say(who, 'help');
  await s.say(admin, `role ${facilitator.personId} facilitator`);
  id = await submitIdea(h, stakeholder, 'Weekend homecare cover');
});
afterAll(async () => {
  await h?.close();
});

describe('consult <ID> in Teams', () => {
  it('opens the form as a card, keeps what was typed beside a future date, then logs it', async () => {
    expect(h.bot.localMode).toBe(false);
    const form = (await s.say(facilitator, `consult ${id}`)).card;
    expect(inputIds(form)).toEqual(['kind', 'date', 'numberOfPeople', 'groups', 'whatTheySaid']);
    expect(form.body.find((e: Json) => e.id === 'date')).toMatchObject({ type: 'Input.Date', isRequired: true });
    // A day after the engine's today (its clock, not the machine's).
    const future = londonDay(new Date(h.bot.pilot.deps.clock().getTime() + 86_400_000));
    const bad = await s.submit(facilitator, form, 'Log it', { ...WORKSHOP, date: future });
    expect(errorsOn(bad.card)).toEqual([
      '⚠️ That date is in the future. Please log a session once it has taken place.',
    ]);
    expect(bad.card.body.find((e: Json) => e.id === 'whatTheySaid').value).toBe(WORKSHOP.whatTheySaid);
    expect(await engagements()).toEqual([]);

    const good = await s.submit(facilitator, bad.card, 'Log it', WORKSHOP);
    expect(cardText(good.card)).toContain(`Thank you. This offline engagement is now logged on ${id}`);
    expect(cardText(good.card)).toContain(
      'Focus group on 18 November 2026: 9 people (carers, voluntary and community groups).',
    );
    expect(await engagements()).toMatchObject([
      { kind: 'focus_group', numberOfPeople: 9, recordedBy: facilitator.personId },
    ]);
  });

  it('shows a clear error for a zero count, no groups and an over-long text, storing nothing', async () => {
    const form = (await s.say(facilitator, `consult ${id}`)).card;
    for (const [change, message] of [
      [{ numberOfPeople: '0' }, 'At least 1 person must have taken part.'],
      [{ groups: '' }, 'Choose at least one group who took part.'],
      [{ whatTheySaid: 'z'.repeat(4001) }, 'What they said is too long: at most 4000 characters, please.'],
    ] as const) {
      const bad = await s.press(facilitator, form, 'Log it', { ...WORKSHOP, ...change });
      expect(errorsOn(bad.card)).toEqual([`⚠️ ${message}`]);
    }
    expect(await engagements()).toHaveLength(1);
  });

  it('is listed by show for anyone', async () => {
    const shown = cardText((await s.say(stakeholder, `show ${id}`)).card);
    expect(shown).toContain('Offline engagement: 1 session, 9 people taking part in all');
    expect(shown).toContain(
      'Focus group on 18 November 2026: 9 people (carers, voluntary and community groups). What they said: Weekend visits are the hardest to find. (logged by Fay Lee)',
    );
    expect(shown).toContain('offline engagement logged by Fay Lee');
  });

  it('refuses someone without the role: the command, and the form sent from a card they got hold of', async () => {
    const refused = cardText((await s.say(stakeholder, `consult ${id}`)).card);
    expect(refused).toContain('Sorry, **consult** is for facilitators or project managers.');
    const form = (await s.say(facilitator, `consult ${id}`)).card;
    const sent = await s.submit(stakeholder, form, 'Log it', WORKSHOP);
    expect(cardText(sent.card)).toContain('Only a facilitator or a project manager can log offline engagement.');
    expect(await engagements()).toHaveLength(1);
  });
});
