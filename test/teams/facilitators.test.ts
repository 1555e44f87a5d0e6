import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../support/fake-connector.js';
import { channel, makeUser, personalChat } from './make-activity.js';
import { createMountTeams } from '../../src/bot/teams/mount-teams.js';
import {
  cardButtons,
  cardOf,
  cardText,
  FAST_RETRY,
  inputIds,
  startTeamsHarness,
  type TeamsHarness,
} from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

/**
 * SPEC 3.1 "Taking part without a chat account" in Teams: a facilitator registers someone, records their
 * vote from the forum card with how consent was given, and is told the decision for them.
 */
const pat = makeUser('pat', 'Pat Morgan');
const alice = makeUser('alice', 'Alice Jones');
const fay = makeUser('fay', 'Fay Adeyemi');
const erin = makeUser('erin', 'Erin Shaw');
const experts = channel('experts');
const providers = channel('providers');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;
let id = '';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
let forumCard: any;

/** The texts of the cards sent to one conversation. */
const sentTo = (calls: ConnectorCall[], conversationId: string) =>
  calls.filter((c) => c.kind === 'send' && c.conversationId === conversationId).map((c) => cardText(cardOf(c.body)));

beforeAll(async () => {
  // Out of local mode (where everyone is an admin), so roles are what an admin gives: the Slack settings
  // only end local mode (only the Teams adapter is mounted), and the Teams endpoint is left unauthenticated.
  h = await startTeamsHarness(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      PILOT_TEAMS_AUTH: 'off',
      PILOT_ADMINS: pat.personId,
      PILOT_QUORUM_EXPERTS: '0',
      PILOT_QUORUM_PROVIDERS: '0',
      PILOT_MIN_GROUP_SIZE: '2',
    },
    [createMountTeams({ retry: FAST_RETRY })],
  );
  s = steps(h);
  await s.say(pat, 'forum experts', experts);
  await s.say(pat, 'forum providers', providers);
  for (const who of [alice, fay, erin]) await s.say(who, 'help');
  await s.say(pat, `role ${fay.personId} facilitator`);
  await s.say(pat, `role ${erin.personId} expert`);
  await s.say(pat, `role ${pat.personId} pm`);
  id = await submitIdea(h, alice, 'Dementia-friendly homecare');
});
afterAll(async () => {
  await h.close();
});

describe('facilitators in Teams', () => {
  it('a facilitator registers people; a facilitator cannot make an admin; others are refused', async () => {
    const added = await s.say(fay, 'people add Grace Obi expert');
    expect(cardText(added.card)).toContain('Grace Obi is registered as **P-1** (Expert by experience)');
    await s.say(fay, 'people add Tom Reid provider');
    const admin = await s.say(fay, 'people add Tom Reid admin');
    expect(cardText(admin.card)).toContain(
      'A facilitator can register people as expert by experience or provider only',
    );
    const refused = await s.say(erin, 'people add Someone expert');
    expect(cardText(refused.card)).toContain('is for facilitators or admins');
    expect((await h.bot.pilot.people.registeredPeople()).map((p) => p.id)).toEqual(['person:P-1', 'person:P-2']);
  });

  it('the forum card’s “Record a vote for someone” opens the form for a facilitator, and is refused to others', async () => {
    const opened = await s.say(pat, `vote open ${id} support 24`);
    forumCard = cardOf(opened.calls.find((c) => c.kind === 'send' && c.conversationId === experts.id)?.body);
    expect(cardButtons(forumCard).map((b: { title: string }) => b.title)).toContain('Record a vote for someone');

    const refused = await s.press(erin, forumCard, 'Record a vote for someone', {}, experts);
    expect(cardText(refused.card)).toContain('Only a facilitator can record a vote for someone else');

    const form = await s.press(fay, forumCard, 'Record a vote for someone', {}, experts);
    expect(inputIds(form.card)).toEqual(
      expect.arrayContaining(['person', 'consent', 'choice', 'reason', 'hasConflict', 'conflict']),
    );
    const text = JSON.stringify(form.card);
    expect(text).toContain('P-1 Grace Obi');
    expect(text).toContain('Through a carer');
  });

  it('a provider’s recorded vote needs their conflict answer; then it counts, and the audit names the facilitator', async () => {
    const form = await s.press(fay, forumCard, 'Record a vote for someone', {}, experts);
    const missing = await s.press(
      fay,
      form.card,
      'Record their vote',
      { person: 'person:P-2', consent: 'phone', choice: 'oppose' },
      experts,
    );
    expect(cardText(missing.card)).toContain(
      'P-2 is a provider: please ask them whether they have a conflict of interest',
    );
    expect(await h.bot.store.listParticipation('R-1')).toEqual([]);

    const done = await s.press(
      fay,
      form.card,
      'Record their vote',
      { person: 'person:P-2', consent: 'phone', choice: 'oppose', hasConflict: 'no' },
      experts,
    );
    expect(cardText(done.card)).toContain('The vote for P-2 (Tom Reid) has been recorded');
    await s.press(
      fay,
      form.card,
      'Record their vote',
      { person: 'person:P-1', consent: 'carer', choice: 'support', reason: 'My daughter read it to me' },
      experts,
    );
    const participation = await h.bot.store.listParticipation('R-1');
    expect(participation.map((p) => [p.personId, p.constituency, p.recordedBy]).sort()).toEqual([
      ['person:P-1', 'experts', fay.personId],
      ['person:P-2', 'providers', fay.personId],
    ]);
    const audit = (await h.bot.store.listAudit()).filter((e) => e.type === 'vote.recorded');
    expect(audit.map((e) => [e.actorId, e.detail?.personId, e.detail?.consent])).toEqual([
      [fay.personId, 'person:P-2', 'phone'],
      [fay.personId, 'person:P-1', 'carer'],
    ]);
  });

  it('a form sent by someone who is not a facilitator is refused and records nothing', async () => {
    const form = await s.press(fay, forumCard, 'Record a vote for someone', {}, experts);
    const forged = await s.press(
      erin,
      form.card,
      'Record their vote',
      { person: 'person:P-1', consent: 'paper', choice: 'oppose' },
      experts,
    );
    expect(cardText(forged.card)).toContain('Only a facilitator can record a vote for someone else');
    expect(await h.bot.store.listParticipation('R-1')).toHaveLength(2);
  });

  it('after close the decision goes to the facilitator for them; no public card names Fay or the people', async () => {
    await s.press(erin, forumCard, 'Support', {}, experts);
    const closed = await s.say(pat, `vote close ${id}`);
    const held = await s.say(pat, `hold ${id} Waiting for the new budget year`);
    const toFay = sentTo(held.calls, personalChat(fay).id);
    expect(toFay).toHaveLength(1);
    expect(toFay[0]).toContain(`You recorded the vote of 2 people on the idea ${id}`);
    expect(toFay[0]).toContain('P-1 Grace Obi');
    const everyPublic = [...closed.calls, ...held.calls]
      .filter((c) => c.conversationId === experts.id || c.conversationId === providers.id)
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(everyPublic).toContain('You said, we did');
    for (const secret of ['Fay', 'Grace', 'Tom Reid']) expect(everyPublic).not.toContain(secret);
    expect(everyPublic).not.toMatch(/recorded by (?!a facilitator)/i);
    expect(everyPublic).toContain('2 of these votes were recorded by a facilitator');
    const status = await s.say(erin, `vote status ${id}`);
    expect(cardText(status.card)).not.toMatch(/Fay|Grace|Tom Reid/);
  });

  it('a facilitator corrects a name and removes a person', async () => {
    expect(cardText((await s.say(fay, 'people rename P-1 Grace Obiora')).card)).toContain(
      '**P-1** is now called Grace Obiora',
    );
    expect(cardText((await s.say(fay, 'people remove P-1')).card)).toContain('Their name is deleted');
    const list = cardText((await s.say(fay, 'people')).card);
    expect(list).not.toContain('Grace');
    expect(list).toContain('Tom Reid');
  });

  it('where no private chat can be had, nothing with a name or a recorded vote goes into the channel thread', async () => {
    // Gil has never opened a private chat with the bot, and Teams refuses to start one.
    const gil = makeUser('gil', 'Gil Marsh');
    await s.say(pat, `role ${gil.personId} facilitator`);
    h.fake.refuseNewChats = true;
    try {
      const added = await s.say(gil, 'people add Nell Brook expert', experts);
      const listed = await s.say(gil, 'people', experts);
      await s.say(pat, `resume ${id}`);
      const opened = await s.say(pat, `vote open ${id} support 24`);
      const card = cardOf(opened.calls.find((c) => c.kind === 'send' && c.conversationId === experts.id)?.body);
      const form = await s.submit(gil, card, 'Record a vote for someone', {}, experts);
      const inThread = [...added.calls, ...listed.calls, ...form.calls]
        .filter((c) => c.conversationId === experts.id)
        .map((c) => JSON.stringify(c.body))
        .join('\n');
      expect(inThread).toContain('Done: registered as **P-3**');
      expect(inThread).toContain('I can only show people’s names in a private chat with you');
      expect(inThread).toContain('This form lists people’s names');
      for (const name of ['Nell', 'Tom Reid', 'Grace']) expect(inThread).not.toContain(name);
    } finally {
      h.fake.refuseNewChats = false;
    }
  });
});
