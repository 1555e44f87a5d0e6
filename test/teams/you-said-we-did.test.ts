import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../support/fake-connector.js';
import { channel, makeUser, personalChat } from './make-activity.js';
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

/** SPEC 3.1 "You said, we did" in Teams: the forum cards and the 1:1 messages, as the fake Bot Connector got them. */
const pat = makeUser('pat', 'Pat Morgan');
const alice = makeUser('alice', 'Alice Jones');
const erin = makeUser('erin', 'Erin Shaw');
const paul = makeUser('paul', 'Paul Okafor');
const nina = makeUser('nina', 'Nina Hale');
const experts = channel('experts');
const providers = channel('providers');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;
let id = '';

/** The texts of the cards sent to one conversation. */
const sentTo = (calls: ConnectorCall[], conversationId: string) =>
  calls.filter((c) => c.kind === 'send' && c.conversationId === conversationId).map((c) => cardText(cardOf(c.body)));

beforeAll(async () => {
  h = await startTeamsHarness({ PILOT_QUORUM_EXPERTS: '0', PILOT_QUORUM_PROVIDERS: '0' });
  s = steps(h);
  await s.say(pat, 'forum experts', experts);
  await s.say(pat, 'forum providers', providers);
  for (const who of [alice, erin, paul, nina]) await s.say(who, 'help');
  for (const [who, role] of [
    [erin, 'expert'],
    [nina, 'expert'],
    [paul, 'provider'],
  ] as const)
    await s.say(pat, `role ${who.personId} ${role}`);
  id = await submitIdea(h, alice, 'Dementia-friendly homecare');
  const opened = await s.say(pat, `vote open ${id} support 24`);
  const card = cardOf(opened.calls.find((c) => c.kind === 'send' && c.conversationId === experts.id)?.body);
  await s.press(erin, card, 'Support', {}, experts);
  // A provider's first vote asks the conflict question first (SPEC 3.1).
  const asked = await s.press(paul, card, 'Oppose', {}, providers);
  await s.press(paul, asked.card, 'Send my vote', { hasConflict: 'no' }, providers);
  await s.say(pat, `vote close ${id}`);
});
afterAll(async () => {
  await h.close();
});

describe('you said, we did in Teams', () => {
  it('a hold is posted in both forum channels and sent to each voter’s 1:1 chat, naming the PM', async () => {
    const r = await s.say(pat, `hold ${id} Waiting for the new budget year`);
    for (const forum of [experts, providers]) {
      const posts = sentTo(r.calls, forum.id);
      expect(posts).toHaveLength(1);
      expect(posts[0]).toContain('You said, we did: “Dementia-friendly homecare”');
      expect(posts[0]).toContain('Thank you to everyone who voted on the idea');
      expect(posts[0]).toContain('It has been put on hold at the longlist stage.');
      expect(posts[0]).toContain('The reason given: Waiting for the new budget year');
      expect(posts[0]).toContain('If you have questions, contact Pat Morgan.');
    }
    for (const voter of [erin, paul]) {
      const dms = sentTo(r.calls, personalChat(voter).id);
      expect(dms).toHaveLength(1);
      expect(dms[0]).toContain('Thank you for voting on the idea');
      expect(dms[0]).toContain('If you have questions, contact Pat Morgan.');
      for (const name of ['Erin', 'Paul', 'support', 'oppose']) expect(dms[0]).not.toContain(name);
    }
    expect(sentTo(r.calls, personalChat(nina).id)).toHaveLength(0);
    expect(sentTo(r.calls, personalChat(alice).id)).toEqual([expect.stringContaining('has been put on hold')]);
  });

  it('a comment reaches the submitter and the idea’s PM in their 1:1 chats', async () => {
    const r = await s.say(erin, `comment ${id} Please keep carers involved.`);
    expect(sentTo(r.calls, personalChat(alice).id)).toEqual([
      expect.stringContaining(`Erin Shaw commented on your idea ${id} “Dementia-friendly homecare”`),
    ]);
    const toPm = sentTo(r.calls, personalChat(pat).id);
    expect(toPm).toHaveLength(1);
    expect(toPm[0]).toContain('“Please keep carers involved.”');
    expect(sentTo(r.calls, personalChat(nina).id)).toHaveLength(0);
  });

  it('`show` names the idea’s PM', async () => {
    const shown = await s.say(nina, `show ${id}`);
    expect(cardText(shown.card)).toContain('Project manager: Pat Morgan');
  });
});
