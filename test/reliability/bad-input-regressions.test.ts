import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../src/views/reply.js';
import { DEFAULT_PRIORITIES } from '../../src/domain/reference-data.js';
import { type Harness, makeHarness, submissionValues, submitIdea } from '../support/pilot-harness.js';

// Regression tests for what the bad-input properties found, one concrete input each.

const PM = 'slack:UPM';
/** What JSON.parse makes of `{"toString":"x"}`: String() and template literals throw on it. */
const noToString = () => JSON.parse('{"toString":"x","valueOf":1}') as unknown;

let h: Harness;
let id: string;
let roundId: string;
beforeEach(async () => {
  h = await makeHarness({ quorum: { experts: 1, providers: 0, others: 0 } });
  await h.pilot.people.assign('slack:UADMIN', PM, ['pm']);
  id = await submitIdea(h);
  roundId = /R-\d+/.exec((await h.as(PM, `vote open ${id} score`)).text)?.[0] ?? '';
});
afterEach(async () => {
  await h.cleanup();
});

/** Sends an action as the PM and expects a short user error and no write at all. */
async function refused(action: Action, code: string): Promise<string> {
  const before = h.store.stats().journalBytes;
  const reply = await h.as(PM, action);
  expect(reply.errorCode, reply.text).toBe(code);
  expect(reply.text.length).toBeLessThan(600);
  expect(h.store.stats().journalBytes, 'a refused input wrote to the store').toBe(before);
  return reply.text;
}

describe('form values of the wrong type (any JSON a Teams card sends)', () => {
  const form = (formId: string, values: Record<string, unknown>, context: Record<string, string> = { ideaId: id }) =>
    ({ kind: 'form', formId, values, context }) as Action;

  it('are refused field by field instead of failing inside String()', async () => {
    await refused(form('submit', submissionValues({ title: noToString() }), {}), 'invalid_input');
    expect((await h.as(PM, form('submit', submissionValues({ title: noToString() }), {}))).fieldErrors).toHaveProperty(
      'title',
    );
    await refused(form('submit', submissionValues({ source: noToString() }), {}), 'invalid_input');
    await refused(
      form('submit', submissionValues({ outcomes: ['person_independence', noToString()] }), {}),
      'invalid_input',
    );
    await refused(form('criteria', { met: [noToString()] }), 'invalid_input');
    await refused(form('evidence', { source: ['a', 'b'], whatHappened: 'x', lesson: 'y' }), 'invalid_input');
  });

  it('in a score or a comment are refused too', async () => {
    const scores = Object.fromEntries(DEFAULT_PRIORITIES.map((p) => [`score_${p.id}`, '3']));
    await refused(
      form('vote_score', { ...scores, [`score_${DEFAULT_PRIORITIES[0]?.id}`]: noToString() }, { roundId }),
      'invalid_input',
    );
    await refused(form('comment', { text: noToString() }), 'missing_argument');
  });

  it('still accept numbers and booleans where text is expected', async () => {
    const values = { objectives: 42, cohort: true, cohortSize: 12, durationMonths: '6', approach: 'a' };
    const reply = await h.as(PM, form('outline', values));
    expect(reply.errorCode, reply.text).toBeUndefined();
    expect((await h.store.getIdea(id))?.artefacts.outline).toMatchObject({ objectives: '42', cohort: 'true' });
  });
});

describe('button values', () => {
  const button = (actionId: string, value: string): Action => ({ kind: 'button', actionId, value });

  it('with JSON fields of the wrong type are refused', async () => {
    await refused(button('vote.cast', '{"roundId":{"toString":"x"},"choice":"support"}'), 'invalid_input');
    await refused(button('form.open', '{"form":{"toString":"x"},"ideaId":"IP-1"}'), 'invalid_input');
  });

  it('carrying an idea id are read like a typed id', async () => {
    const reply = await h.as(PM, button('idea.advance', id.toLowerCase()));
    expect(reply.errorCode).toBe('gate_not_met'); // found: IP-1 still needs its criteria check
    const long = await refused(button('idea.resume', 'x'.repeat(4000)), 'invalid_argument');
    expect(long).toContain('is not an idea id');
  });

  it('carrying a round id never echo a long value back', async () => {
    await refused(button('vote.mine', `R-1${'x'.repeat(4000)}`), 'invalid_input');
    expect((await h.as(PM, button('vote.mine', roundId))).errorCode).toBeUndefined();
  });
});
