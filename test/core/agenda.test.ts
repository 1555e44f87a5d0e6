import { afterEach, beforeEach, expect, it } from 'vitest';
import { agendaFor } from '../../src/workflows/agenda.js';
import { allCriteriaMet, type Harness, makeHarness, submitIdea } from '../support/pilot-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  await h.cleanup();
});

it('lists what waits on each person: own ideas, votes owed, sign-offs owed, ideas ready to advance', async () => {
  const PM = 'slack:UPM';
  const ready = await submitIdea(h, 'slack:USUB');
  const voting = await submitIdea(h, PM);
  await h.as(PM, allCriteriaMet(ready), ['pm']);
  await h.as(PM, `vote open ${voting}`);
  await h.pilot.people.assign('slack:UADMIN', 'slack:UE1', ['expert']);
  await h.pilot.people.assign('slack:UADMIN', 'slack:UE2', ['expert']);
  await h.as('slack:UE2', {
    kind: 'button',
    actionId: 'vote.cast',
    value: JSON.stringify({ roundId: 'R-1', choice: 'support' }),
  });

  const pm = await agendaFor(h.pilot, PM);
  expect(pm.mine.map((i) => i.id)).toEqual([voting]);
  expect(pm.readyToAdvance.map((i) => i.id)).toEqual([ready]);
  expect((await agendaFor(h.pilot, 'slack:UE1')).toVote.map((v) => v.idea.id)).toEqual([voting]);
  expect((await agendaFor(h.pilot, 'slack:UE2')).toVote).toEqual([]);
  const nobody = await agendaFor(h.pilot, 'slack:UNOBODY');
  expect([nobody.toVote, nobody.readyToAdvance, nobody.toSignOff]).toEqual([[], [], []]);
  expect((await agendaFor(h.pilot, 'slack:USUB')).mine.map((i) => i.id)).toEqual([ready]);
});
