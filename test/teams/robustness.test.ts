import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMountTeams } from '../../src/bot/teams/mount-teams.js';
import { channel, makeInvoke, makeMessage, makeSubmit, makeUser, personalChat } from './make-activity.js';
import { cardOf, cardText, FAST_RETRY, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { ideaInputs, steps, submitIdea } from './teams-steps.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

const alice = makeUser('alice', 'Alice Jones');

describe('malformed and repeated activities never produce a 500', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 400 with a reason for bodies that are not activities', async () => {
    const cases: unknown[] = [
      '{not json',
      '[]',
      {},
      { type: 'message' },
      { type: 'message', conversation: { id: 'a:1' } },
      { type: 'message', conversation: { id: 'a:1' }, serviceUrl: 'ftp://x' },
      { type: 42, conversation: { id: 'a:1' }, serviceUrl: h.fake.url },
    ];
    for (const body of cases) {
      const r = await h.send(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.body as { message: string }).message).toBeTruthy();
    }
    expect(h.fake.calls).toHaveLength(0);
  });

  it('answers 200 to an invoke it does not handle, and to a card click it cannot read', async () => {
    const unknown = { ...makeInvoke(h.fake.url, alice, personalChat(alice), {}), name: 'task/fetch' };
    expect((await h.send(unknown)).status).toBe(200);
    const stale = await h.send(makeInvoke(h.fake.url, alice, personalChat(alice), { someOtherBot: true }));
    expect(stale.status).toBe(200);
    expect(cardText(cardOf(stale.body))).toContain('older message');
  });

  it('acts once on an activity Teams resends', async () => {
    const activity = makeMessage(h.fake.url, alice, personalChat(alice), 'submit Resend test');
    expect((await h.send(activity)).calls).toHaveLength(1);
    expect((await h.send(activity)).calls).toHaveLength(0);
    const s = steps(h);
    const form = (await s.say(alice, 'submit Twice clicked')).card;
    const click = makeInvoke(h.fake.url, alice, personalChat(alice), {
      ...form.actions[0].data,
      title: 'Twice clicked',
      summary: 's',
      problem: 'p',
      approach: 'a',
      beneficiaries: 'b',
      source: 'staff',
      outcomes: 'person_goals',
    });
    expect(cardText(cardOf((await h.send(click)).body))).toContain('Thank you!');
    expect(cardText(cardOf((await h.send(click)).body))).toBe('');
    expect(await h.bot.store.countIdeas()).toBe(1);
  });

  it('answers two people whose messages in different chats carry the same activity id (Teams ids are timestamps)', async () => {
    const bob = makeUser('bob', 'Bob Patel');
    const id = '1727000000000';
    const first = await h.send({ ...makeMessage(h.fake.url, alice, personalChat(alice), 'submit Same id one'), id });
    const second = await h.send({ ...makeMessage(h.fake.url, bob, personalChat(bob), 'submit Same id two'), id });
    expect(first.calls.map((c) => c.conversationId)).toEqual([personalChat(alice).id]);
    expect(second.calls.map((c) => c.conversationId)).toEqual([personalChat(bob).id]);
    expect(cardText(cardOf(second.calls[0]?.body))).toContain('Submit an idea');
    // The same person in another chat, with the same id, is a different message too.
    const elsewhere = await h.send({ ...makeMessage(h.fake.url, alice, channel('general'), 'help'), id });
    expect(elsewhere.calls.length).toBeGreaterThan(0);
    // And a real resend (same chat, same sender, same id) is still acted on once.
    expect(
      (await h.send({ ...makeMessage(h.fake.url, bob, personalChat(bob), 'submit Same id two'), id })).calls,
    ).toEqual([]);
  });

  it('answers an object-valued form input with the form and its validation message, not an apology', async () => {
    const s = steps(h);
    const ideas = await h.bot.store.countIdeas();
    const form = (await s.say(alice, 'submit Odd values')).card;
    const good = ideaInputs('Odd values');
    const plainBad = await s.press(alice, form, 'Submit idea', { ...good, title: '' });
    const titleError = (card: Json) =>
      cardText(card)
        .split('\n')
        .find((l) => l.startsWith('⚠️'));
    expect(titleError(plainBad.card)).toBeTruthy();
    const odd: unknown[] = [{ toString: 'x' }, { valueOf: 'x', toString: null }, { a: 1 }, [{ toString: 'x' }], null];
    for (const value of odd) {
      for (const how of ['press', 'submit'] as const) {
        const r = await s[how](alice, form, 'Submit idea', { ...good, title: value });
        const text = cardText(r.card);
        expect(text, `${how} ${JSON.stringify(value)}`).not.toContain('Sorry');
        expect(
          r.card.body.find((e: Json) => e.id === 'title'),
          JSON.stringify(value),
        ).toBeTruthy();
        expect(titleError(r.card), JSON.stringify(value)).toMatch(/^⚠️ Title/);
        expect(JSON.stringify(r.card)).not.toMatch(/\bat .+:\d+:\d+|TypeError/);
      }
    }
    expect(await h.bot.store.countIdeas()).toBe(ideas);
  });

  it('never answers with a 5xx or a stack trace, whatever the body', async () => {
    const base = makeMessage(h.fake.url, alice, personalChat(alice), 'help');
    const form = (await steps(h).say(alice, 'submit Fuzz')).card;
    const submit = form.actions[0].data;
    const bodies: unknown[] = [
      { ...base, from: 'alice' },
      { ...base, from: { id: 42, aadObjectId: { toString: 'x' } } },
      { ...base, text: { toString: 'x' } },
      { ...base, entities: 'mention' },
      { ...base, entities: [{ type: 'mention', mentioned: 'x', text: 7 }] },
      { ...base, recipient: null },
      { ...base, conversation: { id: 'a:1', conversationType: { x: 1 } } },
      { ...base, channelData: 'x' },
      { ...base, value: { pilot: { toString: 'x' } } },
      { ...base, timestamp: 'not a date' },
      { ...makeInvoke(h.fake.url, alice, personalChat(alice), submit), value: 'x' },
      { ...makeInvoke(h.fake.url, alice, personalChat(alice), submit), value: { action: { data: { toString: 'x' } } } },
      makeInvoke(h.fake.url, alice, personalChat(alice), { ...submit, title: { toString: 'x' }, outcomes: [{}] }),
      makeSubmit(h.fake.url, alice, personalChat(alice), { ...submit, summary: { toString: 'x' } }),
      { ...base, type: 'conversationUpdate', membersAdded: 'x' },
      { ...base, type: 'conversationUpdate', membersAdded: [{ toString: 'x' }] },
      { ...base, type: 'invoke', name: { x: 1 } },
    ];
    for (const body of bodies) {
      const r = await h.send(body);
      expect(r.status, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
      const said = JSON.stringify([r.body, r.calls.map((c) => c.body)]);
      expect(said, JSON.stringify(body).slice(0, 200)).not.toMatch(
        /\bat .+:\d+:\d+\)?|TypeError|ZodError|node_modules/,
      );
    }
  });

  it('in local mode, works out a person id from a Teams id when there is no AAD object id', async () => {
    const guest = { id: '29:guest/odd id', name: 'Guest', aadObjectId: undefined as unknown as string, personId: '' };
    const r = await h.send(makeMessage(h.fake.url, guest, personalChat(alice), 'roles'));
    expect(r.status).toBe(200);
    expect(await h.bot.store.getPerson('teams:29:guestoddid')).toMatchObject({ displayName: 'Guest' });
  });
});

describe('permission refusals (not local mode: Slack settings present, Teams open without auth by PILOT_TEAMS_AUTH=off)', () => {
  let h: TeamsHarness;
  const admin = makeUser('admin', 'Ada Admin');
  const bob = makeUser('bob', 'Bob Patel');
  beforeAll(async () => {
    // Only the Teams adapter is mounted, so no Slack connection is attempted; the Slack settings only end local mode.
    h = await startTeamsHarness(
      {
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'test-signing-secret',
        PILOT_TEAMS_AUTH: 'off',
        PILOT_ADMINS: admin.personId,
      },
      [createMountTeams({ retry: FAST_RETRY })],
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses PM and admin commands politely, naming who may run them', async () => {
    const s = steps(h);
    expect(h.bot.localMode).toBe(false);
    const id = await submitIdea(h, bob, 'Shared lives scheme');
    const advance = cardText((await s.say(bob, `advance ${id}`)).card);
    expect(advance).toContain('is for project managers');
    expect(cardText((await s.say(bob, `role ${bob.personId} admin`)).card)).toContain('is for admins');
    expect(cardText((await s.say(bob, 'forum experts', channel('general'))).card)).not.toContain('now the');
    const show = (await s.say(bob, `show ${id}`)).card;
    expect(cardText((await s.press(bob, show, 'Check criteria')).card)).toContain('Only a project manager');
    expect(cardText((await s.press(bob, show, 'Advance')).card)).toContain('Only a project manager');
  });

  it('lets the bootstrap admin give the role, after which the command runs', async () => {
    const s = steps(h);
    await s.say(admin, `role ${bob.personId} pm`);
    expect(cardText((await s.say(bob, 'vote open IP-1 support 2')).card)).toMatch(/vote \(R-\d+\) is open/);
  });

  it('refuses a vote from someone without an eligible role, kindly', async () => {
    const s = steps(h);
    const carol = makeUser('carol', 'Carol Reed');
    const round = (await s.say(carol, 'vote status IP-1')).card;
    const r = await s.press(carol, round, 'Support');
    expect(cardText(r.card)).toContain('Thank you for wanting to take part');
  });
});
