import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channel, makeUser } from '../teams/make-activity.js';
import { cardOf, startTeamsHarness, type TeamsHarness } from '../teams/teams-harness.js';
import { steps, submitIdea } from '../teams/teams-steps.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

const pm = makeUser('pat', 'Pat Morgan');
const nina = makeUser('nina', 'Nina Hale');
const experts = channel('experts');
let h: TeamsHarness;
let card: Json;

beforeAll(async () => {
  h = await startTeamsHarness({ PILOT_QUORUM_EXPERTS: '1' });
  const s = steps(h);
  await s.say(pm, 'forum experts', experts);
  await s.say(pm, `role ${nina.personId} expert`);
  const id = await submitIdea(h, pm, 'Assistive technology at home');
  const opened = await s.say(pm, `vote open ${id} support 48`);
  card = cardOf(opened.calls.find((c) => c.kind === 'send')?.body);
});
afterAll(async () => h.close());

describe('Teams: an anonymous vote is never said back in a channel thread', () => {
  it('an older client’s vote from the channel, when Teams will not open a private chat, gets only a thank-you there', async () => {
    h.fake.refuseNewChats = true;
    const r = await steps(h).submit(nina, card, 'Neutral', {}, experts);
    h.fake.refuseNewChats = false;
    // The answer to Nina in the thread (not the forum card itself, which is refreshed with its buttons).
    const answers = r.calls.filter((c) => c.conversationId?.startsWith(experts.id) && c.body?.replyToId);
    expect(answers).toHaveLength(1);
    const inThread = JSON.stringify(answers.map((c) => c.body));
    expect(inThread).toContain('To keep your vote private');
    expect(inThread.toLowerCase()).not.toContain('neutral');
    expect(inThread).not.toContain('Your current vote');
    // The vote itself was counted.
    const round = (await h.bot.store.listRounds())[0]!;
    expect((await h.bot.store.listParticipation(round.id)).map((p) => p.personId)).toContain(nina.personId);
  });
});
