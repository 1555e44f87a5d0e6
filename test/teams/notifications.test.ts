import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_CRITERIA } from '../../src/domain/reference-data.js';
import {
  BOT,
  channel,
  makeInstallationUpdate,
  makeMembersAdded,
  makeMessage,
  makeUser,
  personalChat,
} from './make-activity.js';
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

const alice = makeUser('alice', 'Alice Jones');
const pat = makeUser('pat', 'Pat Morgan');
const dana = makeUser('dana', 'Dana Wu');
const general = channel('general');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;

beforeAll(async () => {
  h = await startTeamsHarness();
  s = steps(h);
});
afterAll(async () => {
  await h.close();
});

describe('conversation references and proactive 1:1 messages', () => {
  it('installing the app remembers the person; adding the bot says hello in the chat or channel', async () => {
    expect((await h.send(makeInstallationUpdate(h.fake.url, alice, personalChat(alice)))).status).toBe(200);
    expect((await h.bot.store.getPerson(alice.personId))?.contact).toMatchObject({
      conversation: { id: personalChat(alice).id, conversationType: 'personal' },
    });
    const hello = await h.send(makeMembersAdded(h.fake.url, alice, personalChat(alice)));
    expect(cardText(cardOf(hello.calls[0]?.body))).toContain('Hello Alice!');
    const team = await h.send(makeMembersAdded(h.fake.url, pat, general));
    expect(team.calls[0]?.conversationId).toBe(general.id);
    expect(cardText(cardOf(team.calls[0]?.body))).toContain('forum experts');
    expect(await h.bot.store.getSetting(`teams:conversation:${general.id}`)).toMatchObject({
      serviceUrl: h.fake.url,
      agent: { id: BOT.id },
    });
    expect((await h.send(makeMembersAdded(h.fake.url, pat, general, [{ id: '29:someone-else' }]))).calls).toHaveLength(
      0,
    );
  });

  it('tells a submitter privately when their idea moves on', async () => {
    const id = await submitIdea(h, alice, 'Carers’ breaks at home');
    const show = (await s.say(pat, `show ${id}`)).card;
    const form = (await s.press(pat, show, 'Check criteria')).card;
    await s.press(pat, form, 'Save check', { met: BASIC_CRITERIA.map((c) => c.id).join(',') });
    const r = await s.say(pat, `advance ${id}`);
    const dm = r.calls.find((c) => c.kind === 'send' && c.conversationId === personalChat(alice).id);
    expect(cardText(cardOf(dm?.body))).toContain('has moved on to 2. Review');
  });

  it('answers privately in the 1:1 chat when asked in a channel, leaving a short pointer in the thread', async () => {
    const thread = channel('general', 'root-1');
    const r = await s.say(alice, 'list', thread);
    const dm = r.calls.find((c) => c.kind === 'send' && c.conversationId === personalChat(alice).id);
    expect(cardText(cardOf(dm?.body))).toContain('Ideas in the pipeline');
    const pointer = r.calls.find((c) => c.conversationId === thread.id);
    expect(pointer?.body.text).toContain('Alice, I’ve sent my answer to your private chat');
  });

  it('creates the 1:1 chat for someone only seen in a channel, and answers in the thread if Teams refuses', async () => {
    const r = await s.say(dana, 'roles', general);
    const created = r.calls.find((c) => c.kind === 'create');
    expect(created?.body).toMatchObject({ isGroup: false, members: [{ id: dana.id }], tenantId: general.tenantId });
    expect(r.calls.some((c) => c.kind === 'send' && c.conversationId === `a:dm:${dana.id}`)).toBe(true);
    h.fake.refuseNewChats = true;
    const guest = makeUser('guest', 'Gus Guest');
    const refused = await s.say(guest, 'roles', general);
    h.fake.refuseNewChats = false;
    expect(refused.calls.map((c) => c.kind)).toEqual(['create', 'reply']);
    expect(cardText(cardOf(refused.calls[1]?.body))).toContain('Who holds which role');
  });

  it('a direct notice to someone who only ran a public command in a channel opens a 1:1 chat first', async () => {
    const erin = makeUser('erin', 'Erin Shaw');
    await s.say(erin, 'forum experts', channel('experts'));
    const before = h.fake.calls.length;
    await h.bot.pilot.deps.notifier.direct(erin.personId, {
      visibility: 'private',
      text: 'Hello from the bot',
      blocks: [{ kind: 'text', text: 'Hello from the bot' }],
    });
    const calls = h.fake.calls.slice(before);
    expect(calls.map((c) => c.kind)).toEqual(['create', 'send']);
    expect(cardText(cardOf(calls[1]?.body))).toContain('Hello from the bot');
  });

  it('ignores other platforms’ people and people the bot has never met', async () => {
    const before = h.fake.calls.length;
    await h.bot.pilot.deps.notifier.direct('slack:U123', { visibility: 'private', text: 'x', blocks: [] });
    await h.bot.pilot.deps.notifier.direct('teams:never-seen', { visibility: 'private', text: 'x', blocks: [] });
    expect(h.fake.calls.length).toBe(before);
  });

  it('looks up a mentioned person’s AAD object id when the mention does not carry it', async () => {
    h.fake.members.set('29:mo', { id: '29:mo', name: 'Mo Khan', aadObjectId: 'aad-mo' });
    const mo = { id: '29:mo', name: 'Mo Khan', aadObjectId: undefined as unknown as string, personId: '' };
    const r = await h.send(makeMessage(h.fake.url, pat, general, 'role <at>Mo Khan</at> expert', [mo]));
    expect(r.calls.some((c) => c.kind === 'member')).toBe(true);
    expect(await h.bot.pilot.people.rolesOf('teams:aad-mo')).toContain('expert');
  });
});
