import { expect } from 'vitest';
import { giveRoles, recordFinalProposal, seedIdea, walkShortlistToFinal, walkToShortlist } from '../slack/seed.js';
import type { SlackKit } from '../slack/slack-kit.js';

/** The experts who vote in the anonymous round, their names and reasons, and the lone provider. */
export const VOTERS = {
  experts: ['UE1', 'UE2', 'UE3'],
  expertNames: ['Alice Expert', 'Bob Expert', 'Cara Expert'],
  expertReasons: ['Would help my dad', 'Zero waiting is worth it', 'A good start'],
  provider: 'UP1',
  providerReason: 'Costs too much for a small agency like ours',
};

/**
 * The board's pipeline (a kit started with quorums of 0): IP-1 at stage 8 for the 2027-03-15 committee,
 * after an anonymous support vote of three experts and one provider; IP-2 and IP-3 at stage 1, unpublished.
 */
export async function seedBoard(kit: SlackKit): Promise<void> {
  await giveRoles(kit, 'slack:UPM', ['pm']);
  for (const [i, e] of VOTERS.experts.entries()) {
    await giveRoles(kit, `slack:${e}`, ['expert']);
    const person = (await kit.bot.store.getPerson(`slack:${e}`))!;
    await kit.bot.store.putPerson({ ...person, displayName: VOTERS.expertNames[i] });
  }
  await giveRoles(kit, `slack:${VOTERS.provider}`, ['provider']);
  await seedIdea(kit, 'slack:USUB', 'Rural reablement');
  await walkToShortlist(kit, 'IP-1', () => kit.bot.pilot.pipeline.move('slack:UPM', 'IP-1', 'advance'));
  const { round } = await kit.bot.pilot.voting.open('slack:UPM', 'IP-1', 'support', 24);
  expect(round.anonymous).toBe(true);
  const vote = async (user: string, values: Record<string, unknown>) => {
    const reply = await kit.bot.pilot.core.handle(
      { personId: `slack:${user}`, platform: 'slack' },
      { kind: 'form', formId: 'vote_support', values, context: { roundId: round.id } },
    );
    expect(reply?.errorCode, reply?.text).toBeUndefined();
  };
  for (const [i, e] of VOTERS.experts.entries())
    await vote(e, { choice: ['support', 'oppose', 'support'][i], reason: VOTERS.expertReasons[i] });
  await vote(VOTERS.provider, { choice: 'oppose', reason: VOTERS.providerReason, conflict: 'none' });
  await kit.bot.pilot.voting.close('slack:UPM', round.id);
  await walkShortlistToFinal(kit, 'IP-1');
  await recordFinalProposal(kit, 'IP-1');
  await seedIdea(kit, 'slack:USUB', 'Befriending calls');
  await seedIdea(kit, 'slack:USUB', 'Night sitting service');
}
