import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITIES } from '../../src/domain/reference-data.js';
import {
  finalValues,
  type Harness,
  makeHarness,
  optionsValues,
  outlineValues,
  riskValues,
  screeningValues,
  submitIdea,
  textOf,
} from '../support/pilot-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ quorum: { experts: 2, providers: 1, others: 0 }, lowScoreThreshold: 3 });
});
afterEach(async () => {
  await h.cleanup();
});

const PM = 'slack:UPM';
const form = (formId: string, ideaId: string, values: Record<string, unknown>) =>
  h.as(PM, { kind: 'form', formId, values, context: { ideaId } });
const advance = async (id: string, expected: string) => {
  const reply = await h.as(PM, `advance ${id}`);
  expect(reply.errorCode, textOf(reply)).toBeUndefined();
  expect(reply.text).toContain(expected);
};
const scores = (n: string) => Object.fromEntries(DEFAULT_PRIORITIES.map((p) => [`score_${p.id}`, n]));

describe('an idea from the longlist to JCC approval', () => {
  it('walks every gate through the command layer, with the right refusals on the way', async () => {
    await h.pilot.people.assign('slack:UADMIN', PM, ['pm']);
    const id = await submitIdea(h, 'slack:USUB');
    await form('criteria', id, { met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope'] });
    expect(textOf(await h.as(PM, `advance ${id}`))).toContain('Service users can be kept involved');
    await form('criteria', id, {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
    });
    await advance(id, '2. Review');
    expect(textOf(await h.as(PM, `advance ${id}`))).toContain('evidence entry');
    const badEvidence = await form('evidence', id, { source: 'Wiltshire', whatHappened: '', lesson: 'x' });
    expect(badEvidence.fieldErrors?.whatHappened).toBeDefined();
    await form('evidence', id, {
      source: 'Wiltshire Council',
      whatHappened: 'Ran a reablement pilot with 20 people',
      lesson: 'Start with a small cohort',
    });
    await advance(id, '3. Outline');
    expect(
      (
        await form('outline', id, {
          objectives: 'o',
          cohort: 'c',
          cohortSize: 'twelve',
          durationMonths: '6',
          approach: 'a',
        })
      ).fieldErrors?.cohortSize,
    ).toBeDefined();
    await form('outline', id, outlineValues());
    const outlineOnly = textOf(await h.as(PM, `advance ${id}`));
    expect(outlineOnly).toContain('at least one risk in the risk register');
    expect(outlineOnly).toContain('the other options considered, including doing nothing');
    expect((await form('risk', id, riskValues({ likelihood: 'very' }))).fieldErrors?.likelihood).toBeDefined();
    await form('risk', id, riskValues());
    await form('options', id, optionsValues());
    await advance(id, '4. Shortlist');

    expect(textOf(await h.as(PM, `advance ${id}`))).toContain('a scoring round');
    expect((await form('shortlist', id, { shortlisted: 'yes', override: 'no' })).errorCode).toBe('invalid_transition');
    const opened = await h.as(PM, `vote open ${id}`);
    expect(opened.text).toContain('scoring vote');
    const roundId = /R-\d+/.exec(opened.text)?.[0] as string;
    await h.as('slack:UE1', { kind: 'form', formId: 'vote_score', values: scores('2'), context: { roundId } }, [
      'expert',
    ]);
    await h.as(
      'slack:UP1',
      {
        kind: 'form',
        formId: 'vote_score',
        values: { ...scores('2'), conflict: 'Runs a reablement service nearby' },
        context: { roundId },
      },
      ['provider'],
    );
    await h.as(PM, `vote close ${id}`);
    expect(h.notifier.directs.some((d) => d.personId === PM)).toBe(false); // the PM who closed it is not told about it
    await form('shortlist', id, { shortlisted: 'yes', override: 'no' });
    const blocked = textOf(await h.as(PM, `advance ${id}`));
    expect(blocked).toContain('quorum from experts by experience: 1 of 2');
    // One expert and one provider in an anonymous round: too few to show, so only an override can shortlist it.
    expect(blocked).toContain('an override with a reason');
    expect(blocked).not.toContain('2.0');
    expect(
      (await form('shortlist', id, { shortlisted: 'yes', override: 'yes', reason: '' })).fieldErrors?.reason,
    ).toBeDefined();
    await h.as('slack:UADMIN', `vote open ${id} score 48`, ['pm']);
    const second = (await h.store.getIdea(id))?.latestRoundId as string;
    for (const voter of ['slack:UE1', 'slack:UE2'])
      await h.as(voter, { kind: 'form', formId: 'vote_score', values: scores('2'), context: { roundId: second } }, [
        'expert',
      ]);
    await h.as('slack:UP1', {
      kind: 'form',
      formId: 'vote_score',
      values: { ...scores('3'), hasConflict: 'no' },
      context: { roundId: second },
    });
    await h.as(PM, `vote close ${id}`);
    await form('shortlist', id, {
      shortlisted: 'yes',
      override: 'yes',
      reason: 'Experts asked for it to be tested at small scale',
    });
    await advance(id, '5. Funding');

    expect(
      (await form('funding', id, { source: 'bcf', amount: '-5', budgetHolder: 'Head of Commissioning' })).fieldErrors
        ?.amount,
    ).toBeDefined();
    await form('funding', id, { source: 'ibcf', amount: '£45,000', budgetHolder: 'Head of Commissioning' });
    await advance(id, '6. Provider scoping');
    const noDetail = await h.as('slack:UP1', {
      kind: 'form',
      formId: 'interest',
      values: { providerName: 'Care Co', summary: 'We can staff it', hasConflict: 'yes' },
      context: { ideaId: id },
    });
    expect(noDetail.fieldErrors?.conflictDetail).toBeDefined();
    await h.as('slack:UP1', {
      kind: 'form',
      formId: 'interest',
      values: {
        providerName: 'Care Co',
        summary: 'We can staff it',
        hasConflict: 'yes',
        conflictDetail: 'Already holds the block contract',
      },
      context: { ideaId: id },
    });
    await advance(id, '7. Specialist engagement');
    expect(textOf(await h.as(PM, `advance ${id}`))).toContain('mark which specialist areas');
    await form('specialists', id, { areas: ['finance', 'procurement'] });
    expect(
      (
        await h.as('slack:UANY', {
          kind: 'form',
          formId: 'signoff',
          values: { area: 'finance' },
          context: { ideaId: id },
        })
      ).errorCode,
    ).toBe('not_permitted');
    expect(
      (
        await h.as(
          'slack:UFIN',
          { kind: 'form', formId: 'signoff', values: { area: 'procurement' }, context: { ideaId: id } },
          ['finance'],
        )
      ).errorCode,
    ).toBe('not_permitted');
    await h.as('slack:UFIN', {
      kind: 'form',
      formId: 'signoff',
      values: { area: 'finance', note: 'Within budget' },
      context: { ideaId: id },
    });
    expect(textOf(await h.as(PM, `advance ${id}`))).toContain('procurement');
    await h.as(
      'slack:UPRO',
      { kind: 'form', formId: 'signoff', values: { area: 'procurement' }, context: { ideaId: id } },
      ['procurement'],
    );
    await advance(id, '8. Final proposal');

    expect((await h.as(PM, `decision ${id} approved`)).errorCode).toBe('gate_not_met');
    await form('final', id, finalValues());
    expect((await h.as(PM, `decision ${id} approved`)).text).toContain('equality, health inequalities');
    await form('screening', id, screeningValues());
    const draft = await h.as(PM, `case ${id}`);
    expect(draft.files?.map((f) => f.filename)).toEqual([`${id}-business-case.docx`, `${id}-business-case.md`]);
    const markdown = new TextDecoder().decode(draft.files?.[1]?.content);
    expect(markdown).toContain('Already holds the block contract');
    expect(markdown).toContain('Wiltshire Council');
    expect((await h.as(PM, `decision ${id} maybe`)).errorCode).toBe('invalid_argument');
    expect((await h.as(PM, `decision ${id} deferred more data`)).text).toContain('deferred');
    const approved = await h.as(PM, `decision ${id} approved JCC 12 Nov`);
    expect(approved.text).toContain('approved');
    const idea = await h.store.getIdea(id);
    expect(idea?.status).toBe('approved');
    expect(idea?.history.map((e) => e.type)).toContain('idea.approved');
    const toSubmitter = h.notifier.directs.filter((d) => d.personId === 'slack:USUB').map((d) => d.message.text);
    expect(toSubmitter.some((t) => t.includes('Great news'))).toBe(true);
    expect(toSubmitter.filter((t) => t.includes('moved on to')).length).toBe(7);
    // Approved, it is a pilot: it moves on once its measures are set up (test/slack/pilots.test.ts walks it on).
    const early = await h.as(PM, `advance ${id}`);
    expect(early.errorCode).toBe('gate_not_met');
    expect(JSON.stringify(early)).toContain('at least one measure');
  });
});
