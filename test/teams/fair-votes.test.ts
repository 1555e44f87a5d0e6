import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channel, makeUser } from './make-activity.js';
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

/** SPEC 3.1 honest tallies in Teams: a support vote's share, “no votes”, and no group that may not vote. */
const pat = makeUser('pat', 'Pat Morgan');
const voters = ['erin', 'ezra', 'nina'].map((n) => makeUser(n, `${n} Expert`));
const experts = channel('experts');
let h: TeamsHarness;
let status = '';

beforeAll(async () => {
  h = await startTeamsHarness({ PILOT_QUORUM_EXPERTS: '3', PILOT_QUORUM_PROVIDERS: '2' });
  const s = steps(h);
  await s.say(pat, 'forum experts', experts);
  for (const who of voters) await s.say(pat, `role ${who.personId} expert`);
  const id = await submitIdea(h, pat, 'Shared lunch club');
  const opened = await s.say(pat, `vote open ${id} support 24`);
  const card = cardOf(opened.calls.find((c) => c.kind === 'send' && c.conversationId === experts.id)?.body);
  for (const [who, choice] of [
    [voters[0]!, 'Support'],
    [voters[1]!, 'Support'],
    [voters[2]!, 'Oppose'],
  ] as const)
    await s.press(who, card, choice, {}, experts);
  // A project manager's click is refused politely: the vote is for experts by experience and providers.
  const refused = await s.press(pat, card, 'Support', {}, experts);
  expect(cardText(refused.card)).toContain('This vote is for experts by experience and care providers');
  await s.say(pat, `vote close ${id}`);
  status = cardText((await s.say(voters[0]!, `vote status ${id}`)).card);
});
afterAll(async () => h.close());

describe('a support vote’s figures in a Teams card', () => {
  it('shows each group’s share supporting and the overall share, each group counting the same', () => {
    expect(status).toContain('3 people voted (3 needed ✓): 2 support · 0 neutral · 1 oppose: 67% support');
    expect(status).toContain('Overall: 67% support');
  });

  it('says “no votes” for providers, who did not vote, and leaves out others, who may not', () => {
    expect(status).toMatch(/Providers[\s\S]{0,10}no votes \(2 needed\)/);
    expect(status).not.toContain('Others');
    expect(status).not.toMatch(/\b0\.0 of 5|score 0/);
  });
});
