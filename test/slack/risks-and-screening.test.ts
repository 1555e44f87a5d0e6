import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveRoles, meetCriteria, seedIdea, walkShortlistToFinal, walkToShortlist } from './seed.js';
import { button, flatText, SlackKit } from './slack-kit.js';

/**
 * Issue 15's new stage records, through signed Slack requests: the outline's risk register and other
 * options considered, and stage 8's committee date and equality screening, each with its gate.
 */
let kit: SlackKit;
const PM = 'slack:UPM';

beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_QUORUM_EXPERTS: '0', PILOT_QUORUM_PROVIDERS: '0' });
  await giveRoles(kit, PM, ['pm']);
  await giveRoles(kit, 'slack:UEXP', ['expert']);
});
afterAll(async () => kit.close());

/** Runs `/pilot <text>` as a user and returns the answer's text. */
const say = async (userId: string, text: string) => (await kit.answer(await kit.command(userId, text))).text;
const advance = (id: string) => kit.bot.pilot.pipeline.move(PM, id, 'advance');
const stored = async (id: string) => (await kit.bot.store.getIdea(id))!;

/** A new idea at stage 3 with its outline written, but no risk and no other options yet. */
async function ideaAtOutline(title: string): Promise<string> {
  const { id } = await seedIdea(kit, 'slack:USUB', title);
  await meetCriteria(kit, id);
  await advance(id);
  await kit.bot.pilot.core.services.artefacts.record(PM, id, 'no_precedent', { note: 'Searched the LGA library' });
  await advance(id);
  await kit.bot.pilot.core.services.artefacts.record(PM, id, 'outline', {
    objectives: 'Fewer readmissions',
    cohort: 'People leaving hospital',
    cohortSize: 12,
    durationMonths: 6,
    approach: 'Six weeks of reablement',
  });
  return id;
}

/** Opens the form behind a button under `show <id>`, as this user. */
async function formFromShow(userId: string, id: string, label: string) {
  const shown = await kit.answer(await kit.command(userId, `show ${id}`));
  return kit.modal(await kit.click(userId, button(shown.call.body, label)));
}

/** Submits a modal and returns Slack's inline errors by field (empty when the form closed). */
async function submit(userId: string, view: Record<string, unknown>, values: Record<string, string>) {
  const res = await kit.submit(userId, view, values);
  if (res.body === '') {
    await kit.fake.waitFor(() =>
      kit.fake.calls.slice(res.since).find((c) => c.method === 'chat.postEphemeral' && c.body.user === userId),
    );
    return {};
  }
  return (JSON.parse(res.body) as { errors: Record<string, string> }).errors;
}

const RISK = {
  risk: 'Not enough care workers in the winter',
  likelihood: 'high',
  impact: 'medium',
  mitigation: 'Agree winter cover with the providers first',
  owner: 'Commissioning manager',
};

describe('the outline stage: a risk register and the other options considered', () => {
  it('refuses to advance, naming what is missing, until a risk and the other options are recorded', async () => {
    const id = await ideaAtOutline('Winter reablement');
    const refused = await say('UPM', `advance ${id}`);
    expect(refused).toContain(`${id} can't leave 3. Outline proposal yet`);
    expect(refused).toContain(
      'at least one risk in the risk register, with its likelihood, impact, mitigation and owner',
    );
    expect(refused).toContain('the other options considered, including doing nothing');

    const risk = await formFromShow('UPM', id, 'Add a risk');
    expect(await submit('UPM', risk, { ...RISK, owner: '', mitigation: '' })).toMatchObject({
      owner: expect.stringContaining('is needed'),
      mitigation: expect.stringContaining('is needed'),
    });
    expect((await stored(id)).artefacts.risks).toBeUndefined();
    expect(await submit('UPM', risk, RISK)).toEqual({});
    expect((await stored(id)).artefacts.risks).toMatchObject([{ ...RISK, addedBy: PM }]);

    const onlyOptions = await say('UPM', `advance ${id}`);
    expect(onlyOptions).not.toContain('risk register');
    expect(onlyOptions).toContain('the other options considered, including doing nothing');

    const options = await formFromShow('UPM', id, 'Other options');
    expect(await submit('UPM', options, { alternatives: 'A council-run team' })).toHaveProperty('doNothing');
    const answers = {
      doNothing: 'Waiting lists keep growing.',
      alternatives: 'A council-run team: too slow to recruit.',
    };
    expect(await submit('UPM', options, answers)).toEqual({});

    const shown = await say('UANY', `show ${id}`);
    expect(shown).toContain('Risk register');
    expect(shown).toContain(
      'Risk 1: Not enough care workers in the winter (likelihood high, impact medium). Mitigation: Agree winter cover with the providers first. Owner: Commissioning manager.',
    );
    expect(shown).toContain('If we did nothing: Waiting lists keep growing.');
    expect(await say('UPM', `advance ${id}`)).toContain('moved on to 4. Shortlist');
  });

  it('takes a risk off the register by its number, and says so when there is no such risk', async () => {
    const id = await ideaAtOutline('Rural rounds');
    const record = (input: Record<string, unknown>) =>
      kit.bot.pilot.core.services.artefacts.record(PM, id, 'risk', { ...RISK, ...input });
    await record({ risk: 'Travel time' });
    await record({ risk: 'Fuel costs' });
    const remove = await formFromShow('UPM', id, 'Remove a risk');
    expect(await submit('UPM', remove, { number: '3' })).toEqual({
      number: `There is no risk 3 on ${id}: it has 2 risks.`,
    });
    expect(await submit('UPM', remove, { number: '1' })).toEqual({});
    expect((await stored(id)).artefacts.risks?.map((r) => r.risk)).toEqual(['Fuel costs']);
    expect(await say('UANY', `show ${id}`)).toContain('Risk 1: Fuel costs');
  });

  it('are for project managers: anyone else is refused the forms, and nothing is stored', async () => {
    const id = await ideaAtOutline('Night sitting');
    for (const label of ['Add a risk', 'Other options']) {
      const shown = await kit.answer(await kit.command('UEXP', `show ${id}`));
      const answer = await kit.answer(await kit.click('UEXP', button(shown.call.body, label)));
      expect(answer.kind).toBe('ephemeral');
      expect(answer.text).toContain('Only a project manager can fill in that form');
    }
    // A form opened by the PM and sent by someone else is refused too.
    const view = await formFromShow('UPM', id, 'Add a risk');
    const res = await kit.submit('UEXP', view, RISK);
    expect(res.body).toBe('');
    const refusal = await kit.fake.waitFor(() =>
      kit.fake.calls.slice(res.since).find((c) => c.method === 'chat.postEphemeral' && c.body.user === 'UEXP'),
    );
    expect(flatText(refusal.body)).toContain('Only a project manager can fill in that form');
    expect((await stored(id)).artefacts.risks).toBeUndefined();
  });
});

describe('stage 8: the committee date and the equality screening', () => {
  /** A new idea walked to stage 8, final proposal. */
  async function ideaAtFinal(title: string): Promise<string> {
    const { id } = await seedIdea(kit, 'slack:USUB', title);
    await walkToShortlist(kit, id, () => advance(id));
    await walkShortlistToFinal(kit, id);
    expect((await stored(id)).status).toBe('final_proposal');
    return id;
  }

  const PROPOSAL = {
    evaluation: 'Readmissions at 90 days',
    benefits: 'Fewer readmissions',
    successCriteria: '20% fewer readmissions',
  };
  const SCREENING = {
    equalityApplicable: 'yes',
    equalityWhy: 'Most people in the cohort are older or disabled.',
    healthInequalitiesApplicable: 'no',
    healthInequalitiesWhy: 'Offered across the whole area alike.',
    publicEngagementApplicable: 'no',
    publicEngagementWhy: 'No change to services the public use.',
  };

  it('a committee date that is not a real day, or not written year-month-day, is a form error and nothing is stored', async () => {
    const id = await ideaAtFinal('Befriending calls');
    const final = await formFromShow('UPM', id, 'Final proposal');
    const field = (final.blocks as { block_id: string; hint?: { text: string } }[]).find(
      (b) => b.block_id === 'committeeDate',
    );
    expect(field?.hint?.text).toContain('year-month-day');
    for (const [committeeDate, says] of [
      ['15/03/2027', 'Please write the committee date as year-month-day, for example 2027-03-15.'],
      ['2027-02-29', 'That day is not on the calendar.'],
      ['2027-13-01', 'That day is not on the calendar.'],
      ['', 'The committee date is needed.'],
    ]) {
      const errors = await submit('UPM', final, { ...PROPOSAL, committeeDate: committeeDate as string });
      expect(Object.keys(errors), committeeDate).toEqual(['committeeDate']);
      expect(errors.committeeDate, committeeDate).toContain(says);
    }
    expect((await stored(id)).artefacts.finalProposal).toBeUndefined();
    // A date years ahead is fine: nothing is compared with today.
    expect(await submit('UPM', final, { ...PROPOSAL, committeeDate: '2031-01-07' })).toEqual({});
    expect((await stored(id)).artefacts.finalProposal?.committeeDate).toBe('2031-01-07');
    expect(await say('UANY', `show ${id}`)).toContain('Committee date: 7 January 2031.');
  });

  it('the gate and the JCC approval wait for the screening; its form records each answer with a reason', async () => {
    const id = await ideaAtFinal('Hospital discharge buddies');
    const screeningLine = 'the equality, health inequalities and public engagement screening';
    const first = await say('UPM', `advance ${id}`);
    expect(first).toContain('the evaluation approach, benefits, measurable success criteria and committee date');
    expect(first).toContain(screeningLine);

    expect(
      await submit('UPM', await formFromShow('UPM', id, 'Final proposal'), {
        ...PROPOSAL,
        committeeDate: '2027-03-15',
      }),
    ).toEqual({});
    expect(await say('UPM', `case ${id}`)).toContain(`Business case draft for ${id}`);
    const approval = await say('UPM', `decision ${id} approved`);
    expect(approval).toContain(`The JCC approval of ${id} can't be recorded yet`);
    expect(approval).toContain(screeningLine);
    expect((await stored(id)).status).toBe('final_proposal');

    const shown = await kit.answer(await kit.command('UEXP', `show ${id}`));
    const refused = await kit.answer(await kit.click('UEXP', button(shown.call.body, 'Equality screening')));
    expect(refused.text).toContain('Only a project manager can fill in that form');

    const screening = await formFromShow('UPM', id, 'Equality screening');
    expect(await submit('UPM', screening, { ...SCREENING, publicEngagementWhy: '' })).toEqual({
      publicEngagementWhy: 'A reason for the public engagement answer is needed.',
    });
    expect((await stored(id)).artefacts.screening).toBeUndefined();
    expect(await submit('UPM', screening, SCREENING)).toEqual({});
    expect((await stored(id)).artefacts.screening).toMatchObject({
      equalityApplicable: true,
      healthInequalitiesApplicable: false,
      publicEngagementWhy: 'No change to services the public use.',
    });
    const after = await say('UANY', `show ${id}`);
    expect(after).toContain('Equality impact: applicable. Most people in the cohort are older or disabled.');
    expect(after).toContain('Health inequalities: not applicable. Offered across the whole area alike.');
    expect(after).not.toContain(screeningLine);

    expect(await say('UPM', `decision ${id} approved`)).toContain('approved');
    expect((await stored(id)).status).toBe('approved');
  });
});
