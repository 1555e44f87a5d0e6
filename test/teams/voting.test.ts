import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channel, makeUser, personalChat } from './make-activity.js';
import { buttonData, cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

const pm = makeUser('pat', 'Pat Morgan');
const erin = makeUser('erin', 'Erin Shaw');
const ezra = makeUser('ezra', 'Ezra Bell');
const paul = makeUser('paul', 'Paul Okafor');
const nina = makeUser('nina', 'Nina Hale');
const chan = makeUser('chan', 'Chan Li');
const quinn = makeUser('quinn', 'Quinn Adams');
const experts = channel('experts');
const providers = channel('providers');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;
let id = '';
let roundCard: Json;

const roundId = async () => (await h.bot.store.getIdea(id))?.latestRoundId ?? '';

beforeAll(async () => {
  h = await startTeamsHarness({ PILOT_QUORUM_EXPERTS: '2', PILOT_QUORUM_PROVIDERS: '1' });
  s = steps(h);
  await s.say(pm, 'forum experts', experts);
  await s.say(pm, 'forum providers', providers);
  for (const who of [erin, ezra, paul, nina, quinn]) await s.say(who, 'help');
  await s.say(chan, 'list', channel('general'));
  await s.say(pm, `role ${quinn.personId} pm`);
  for (const [who, role] of [
    [erin, 'expert'],
    [ezra, 'expert'],
    [nina, 'expert'],
    [paul, 'provider'],
    [chan, 'provider'],
  ] as const)
    await s.say(pm, `role ${who.personId} ${role}`);
  id = await submitIdea(h, pm, 'Dementia-friendly homecare');
});
afterAll(async () => {
  await h.close();
});

describe('a forum vote in Teams channels', () => {
  it('opening a round posts the voting card to both forum channels, stating anonymity and closing time', async () => {
    const r = await s.say(pm, `vote open ${id} support 48`);
    const posts = r.calls.filter((c) => c.kind === 'send');
    expect(posts.map((c) => c.conversationId).sort()).toEqual([experts.id, providers.id].sort());
    roundCard = cardOf(posts[0]?.body);
    const text = cardText(roundCard);
    expect(text).toContain('Your view is wanted');
    expect(text).toContain('Closes:');
    expect(text).toContain('Anonymous: no one, not even an admin, can see how you voted.');
    expect(text).toContain('Until the vote closes we only show how many have taken part.');
    expect(cardButtons(roundCard).map((b: Json) => b.title)).toEqual([
      'Support',
      'Neutral',
      'Oppose',
      'Add a reason or conflict',
      'My vote',
      'Record a vote for someone',
    ]);
    const round = await h.bot.store.getRound(await roundId());
    expect(round?.posts.map((p) => p.channel).sort()).toEqual([`teams:${experts.id}`, `teams:${providers.id}`].sort());
  });

  it('each click records the vote, refreshes the card for everyone, and shows the voter their own vote privately', async () => {
    const first = await s.press(erin, roundCard, 'Support', {}, experts);
    expect(cardText(first.card)).toContain('Thank you, your vote has been recorded');
    expect(cardText(first.card)).toContain('Your vote: ');
    expect(first.card.body[0].style).toBe('good');
    const updates = first.calls.filter((c) => c.kind === 'update');
    expect(updates).toHaveLength(2);
    // An open anonymous round shows only how many have voted: a live tally would reveal each new vote.
    expect(cardText(cardOf(updates[0]?.body))).toContain('1 person has voted so far');
    expect(cardText(cardOf(updates[0]?.body))).not.toContain('1 support');
    expect(cardText(cardOf(updates[0]?.body))).not.toContain('Your current vote');

    await s.press(ezra, roundCard, 'Oppose', {}, experts);
    // A provider's first click asks the conflict question (SPEC 3.1); the vote counts once it is answered.
    const asked = await s.press(paul, roundCard, 'Support', {}, providers);
    expect(cardText(asked.card)).toContain('Do you have a conflict of interest in this idea?');
    expect(await h.bot.store.listParticipation(await roundId())).toHaveLength(2);
    const third = await s.press(paul, asked.card, 'Send my vote', { hasConflict: 'no' }, providers);
    expect(cardText(third.card)).toContain('Thank you, your vote has been recorded');
    const tally = cardText(third.card);
    expect(tally).toContain('3 people have voted so far');
    expect(tally).not.toMatch(/support ·|oppose ·/);
    for (const name of ['Erin', 'Ezra', 'Paul']) expect(tally).not.toContain(name);
  });

  it('a voter can change their vote and check it with “My vote”', async () => {
    const changed = await s.press(ezra, roundCard, 'Neutral', {}, experts);
    expect(cardText(changed.card)).toContain('Your vote has been changed');
    const mine = await s.press(ezra, roundCard, 'My vote', {}, experts);
    expect(cardText(mine.card)).toContain('Your vote: neutral');
    expect(cardText(mine.card)).not.toContain('1 neutral');
    // The provider answered the conflict question with their first vote: a later click is not asked again.
    const again = await s.press(paul, roundCard, 'Oppose', {}, providers);
    expect(cardText(again.card)).toContain('Your vote has been changed');
    expect(cardText(again.card)).not.toContain('conflict of interest');
    expect(await h.bot.store.listConflicts({ ideaId: id, roundId: await roundId() })).toEqual([
      expect.objectContaining({ personId: paul.personId, detail: null, answered: true }),
    ]);
  });

  it('a reminder goes privately to eligible people who have not voted', async () => {
    const before = h.fake.calls.length;
    const reminded = await h.bot.pilot.voting.remind(await roundId());
    expect(reminded).toEqual(expect.arrayContaining([nina.personId, chan.personId]));
    const calls = h.fake.calls.slice(before);
    const toNina = calls.find((c) => c.kind === 'send' && c.conversationId === personalChat(nina).id);
    expect(cardText(cardOf(toNina?.body))).toContain('A reminder: we would still like your view on');
    // Chan has only used the bot in a channel; the 1:1 chat made for their first private answer is reused.
    expect(calls.some((c) => c.kind === 'send' && c.conversationId === `a:dm:${chan.id}`)).toBe(true);
    expect(calls.some((c) => c.kind === 'create')).toBe(false);
  });

  it('closing updates the card in each forum, says so in its thread, and tells the PM', async () => {
    const r = await s.say(pm, `vote close ${id}`);
    const updates = r.calls.filter((c) => c.kind === 'update');
    expect(updates).toHaveLength(2);
    const closed = cardText(cardOf(updates[0]?.body));
    expect(closed).toContain('Vote closed');
    // Two experts and one provider: each group is under the minimum of 3, so no choices and no overall figure.
    expect(closed).toContain('Experts by experience: fewer than 3 voted: not shown');
    expect(closed).toContain('Providers: fewer than 3 voted: not shown');
    expect(closed).not.toMatch(/\d support/);
    expect(cardButtons(cardOf(updates[0]?.body))).toHaveLength(0);
    expect(r.calls.filter((c) => c.kind === 'reply' && c.body.text?.includes('has closed'))).toHaveLength(2);
    expect(
      r.calls.some(
        (c) => c.conversationId === personalChat(quinn).id && cardText(cardOf(c.body)).includes('Waiting on you'),
      ),
    ).toBe(true);
  });

  it('a click on the old card after the close is answered kindly and counts nothing', async () => {
    const late = await s.click(nina, buttonData(roundCard, 'Support'), {}, experts);
    expect(cardText(late.card)).toContain('has closed');
    expect(late.card.body[0].style).toBe('attention');
  });
});
