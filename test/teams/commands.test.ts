import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channel, makeUser, personalChat } from './make-activity.js';
import { cardButtons, cardText, inputIds, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

const alice = makeUser('alice', 'Alice Jones');
const bob = makeUser('bob', 'Bob Patel');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;
let idea: string;

beforeAll(async () => {
  h = await startTeamsHarness();
  s = steps(h);
  idea = await submitIdea(h, alice, 'Evening check-in calls');
});
afterAll(async () => {
  await h.close();
});

describe('every subcommand of SPEC 5, typed in Teams (local mode: everyone is admin and PM)', () => {
  it('help answers in the personal chat, as a reply to the message', async () => {
    const r = await s.say(alice, 'help');
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]?.kind).toBe('reply');
    expect(r.calls[0]?.conversationId).toBe(personalChat(alice).id);
    expect(cardText(r.card)).toContain('what you can do');
    expect(cardText(r.card)).toContain('show ‹ID›');
  });

  it('submit opens the submission form with the title filled in', async () => {
    const r = await s.say(alice, 'pilot submit Meals on wheels plus');
    expect(inputIds(r.card)).toEqual([
      'title',
      'summary',
      'problem',
      'approach',
      'beneficiaries',
      'source',
      'outcomes',
    ]);
    expect(r.card.body.find((e: { id?: string }) => e.id === 'title').value).toBe('Meals on wheels plus');
    expect(cardButtons(r.card).map((b) => b.title)).toEqual(['Submit idea', 'Cancel']);
  });

  it('list, list mine and list <stage> show the pipeline', async () => {
    expect(cardText((await s.say(alice, 'list')).card)).toContain(idea);
    expect(cardText((await s.say(alice, 'list mine')).card)).toContain('Your ideas');
    expect(cardText((await s.say(alice, 'list longlist')).card)).toContain('Evening check-in calls');
  });

  it('show gives the idea, what its gate needs, and its buttons', async () => {
    const r = await s.say(alice, `show ${idea.toLowerCase()}`);
    const text = cardText(r.card);
    expect(text).toContain(`${idea}: Evening check-in calls`);
    expect(text).toContain('To move on from this stage it still needs');
    expect(text).toContain('Alice Jones');
    expect(cardButtons(r.card).map((b) => b.title)).toEqual(['Check criteria', 'Advance', 'Comment']);
  });

  it('advance says exactly what is missing when the gate does not hold', async () => {
    const text = cardText((await s.say(alice, `advance ${idea}`)).card);
    expect(text).toMatch(/criteria/i);
  });

  it('comment, hold, resume, return, reject and withdraw', async () => {
    expect(cardText((await s.say(bob, `comment ${idea} Our carers group likes this`)).card)).toContain(
      `your comment on ${idea} has been added`,
    );
    expect(cardText((await s.say(alice, `hold ${idea} waiting for the budget`)).card)).toContain('put on hold');
    expect(cardText((await s.say(alice, `resume ${idea}`)).card)).toContain('resumed');
    expect(cardText((await s.say(alice, `return ${idea}`)).card)).toContain('Usage');
    const second = await submitIdea(h, bob, 'Night sitting service');
    expect(cardText((await s.say(bob, `withdraw ${second} changed my mind`)).card)).toContain('withdrawn');
    const third = await submitIdea(h, bob, 'Garden help');
    expect(cardText((await s.say(alice, `reject ${third} outside the framework's scope`)).card)).toContain('rejected');
  });

  it('vote open, vote status and vote close', async () => {
    expect(cardText((await s.say(alice, `vote open ${idea} support 24`)).card)).toMatch(
      /support vote \(R-\d+\) is open/,
    );
    const status = cardText((await s.say(bob, `vote status ${idea}`)).card);
    expect(status).toContain('Your view is wanted');
    expect(status).toContain('Anonymous');
    expect(cardText((await s.say(alice, `vote close ${idea}`)).card)).toContain('Vote closed');
  });

  it('decision refuses an idea that is not at stage 8, and says why', async () => {
    const text = cardText((await s.say(alice, `decision ${idea} approved`)).card);
    expect(text).toMatch(/stage|final proposal/i);
  });

  it('case, report and export answer (or say they are not switched on yet)', async () => {
    for (const command of [`case ${idea}`, 'report', 'export']) {
      const r = await s.say(alice, command);
      expect(r.card).toBeDefined();
      expect(cardText(r.card).length).toBeGreaterThan(10);
    }
  });

  it('role with an @mention, role remove with an id, and roles', async () => {
    await s.say(bob, 'help');
    const given = cardText(
      (await s.say(alice, 'role <at>Bob Patel</at> expert,provider', personalChat(alice), [bob])).card,
    );
    expect(given).toContain('Bob Patel now holds');
    expect(given).toContain('Expert');
    const removed = cardText((await s.say(alice, `role remove ${bob.personId} provider`)).card);
    expect(removed).not.toContain('Provider');
    const roles = cardText((await s.say(bob, 'roles')).card);
    expect(roles).toContain('Who holds which role');
    expect(roles).toContain('Bob Patel');
  });

  it('forum, run in a channel, makes it a forum; in a personal chat it explains where to run it', async () => {
    const experts = channel('experts');
    const r = await s.say(alice, 'forum experts', experts);
    expect(r.calls.at(-1)?.conversationId).toBe(experts.id);
    expect(cardText(r.card)).toContain('forum on Teams');
    expect(await h.bot.store.getSetting('forum:experts:teams')).toBe(`teams:${experts.id}`);
    expect(cardText((await s.say(alice, 'forum providers')).card)).toContain('Run this in the channel');
  });

  it('an unknown command gets a kind answer that points to help', async () => {
    const text = cardText((await s.say(alice, 'lsit')).card);
    expect(text).toContain('I don’t know the command');
    expect(text).toContain('list');
  });
});
