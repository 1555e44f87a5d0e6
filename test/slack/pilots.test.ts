import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot } from '../../src/app/create-pilot.js';
import { documentFeatures } from '../../src/app/document-features.js';
import { pipelineRulesSchema } from '../../src/config/settings.js';
import { loadTemplates } from '../../src/templates/template-set.js';
import { RecordingNotifier } from '../../src/workflows/notifier.js';
import { recordCheckIn } from '../../src/workflows/check-ins.js';
import { logEngagement } from '../../src/workflows/log-engagement.js';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { giveRoles, meetCriteria, recordFinalProposal, seedIdea, submission, walkShortlistToFinal } from './seed.js';
import { button, buttonsIn, flatText, SlackKit } from './slack-kit.js';

/**
 * SPEC 2.2 through signed Slack requests: approved ideas become pilots and are walked, gate by gate, to
 * mainstreamed and to stopped; a measure's check-in is sent once on its review date although two engines
 * share the store, and its figure is recorded through the form the owner is sent; a stopped pilot's lessons
 * are offered at stage 2 of a later idea and shown, apart from the similar ideas, when one is submitted.
 */
let kit: SlackKit;
const PM = 'slack:UPM';

beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_QUORUM_EXPERTS: '0', PILOT_QUORUM_PROVIDERS: '0' });
  await giveRoles(kit, PM, ['pm']);
  await giveRoles(kit, 'slack:UOWN', ['finance']);
  await giveRoles(kit, 'slack:UEXP', ['expert']);
});
afterAll(async () => kit.close());

const say = async (userId: string, text: string) => (await kit.answer(await kit.command(userId, text))).text;
const stored = async (id: string) => (await kit.bot.store.getIdea(id))!;
const record = (id: string, kind: string, input: Record<string, unknown>) =>
  kit.bot.pilot.core.services.artefacts.record(PM, id, kind, input);

/** An idea approved by the JCC (the walk there is the subject of other tests). */
async function approvedIdea(title: string): Promise<string> {
  const { id } = await seedIdea(kit, 'slack:USUB', title);
  const advance = () => kit.bot.pilot.pipeline.move(PM, id, 'advance');
  await meetCriteria(kit, id);
  await advance();
  await record(id, 'no_precedent', { note: 'Searched the LGA library' });
  await advance();
  await record(id, 'outline', {
    objectives: 'Fewer hours',
    cohort: 'People leaving hospital',
    cohortSize: 12,
    durationMonths: 6,
    approach: 'Six weeks of reablement',
  });
  await record(id, 'risk', { risk: 'Staff', likelihood: 'low', impact: 'low', mitigation: 'Plan', owner: 'Lead' });
  await record(id, 'options', { doNothing: 'Costs rise', alternatives: 'None cheaper' });
  await advance();
  await walkShortlistToFinal(kit, id);
  await recordFinalProposal(kit, id);
  await say('UPM', `case ${id}`);
  await record(id, 'decision', { decision: 'approved', note: 'Go ahead' });
  expect((await stored(id)).status).toBe('approved');
  return id;
}

/** Opens the form behind a button under `show <id>`, as this user. */
async function formFromShow(userId: string, id: string, label: string) {
  const shown = await kit.answer(await kit.command(userId, `show ${id}`));
  return kit.modal(await kit.click(userId, button(shown.call.body, label)));
}

/** Submits a modal; returns its inline errors (empty when it closed) . */
async function submit(userId: string, view: Record<string, unknown>, values: Record<string, string>) {
  const res = await kit.submit(userId, view, values);
  return res.body === '' ? {} : (JSON.parse(res.body) as { errors: Record<string, string> }).errors;
}

/** `advance <id>` through Slack; the answer's text (the reasons when refused). */
const advance = async (id: string) => flatText((await kit.answer(await kit.command('UPM', `advance ${id}`))).call.body);

describe('a pilot after approval, through Slack', () => {
  let mainstreamed: string;
  let stopped: string;

  it('walks an approved idea to mainstreamed, each gate in a PM’s words', async () => {
    const id = await approvedIdea('Reablement at home');
    mainstreamed = id;
    expect(await advance(id)).toContain('at least one measure');

    const measure = await formFromShow('UPM', id, 'Add a measure');
    expect(JSON.stringify(measure)).toContain('slack:UOWN'); // the owner is picked from people the bot knows
    expect(
      await submit('UPM', measure, {
        name: 'Homecare hours a week per person',
        baseline: '20',
        target: '15',
        unit: 'hours',
        owner: 'slack:UOWN',
        firstReview: '2026-12-01',
      }),
    ).toEqual({});
    expect((await stored(id)).artefacts.measures?.map((m) => m.id)).toEqual(['M1']);
    expect(await advance(id)).toContain('Pilot: getting ready');
    expect(await advance(id)).toContain('the contracted provider and the cohort start date');

    const ready = await formFromShow('UPM', id, 'Provider and start date');
    expect(
      await submit('UPM', ready, { provider: 'Care Co', contractedOn: '2026-11-20', cohortStart: '2026-11-30' }),
    ).toEqual({});
    expect(await advance(id)).toContain('Pilot: running');
    expect(await kit.bot.store.getJob(`checkin:${id}:M1:2026-12-01`)).toMatchObject({ kind: 'measure_checkin' });

    // Evaluation needs a figure for every measure and people's views.
    const missing = await advance(id);
    expect(missing).toContain('a figure for every measure');
    expect(missing).toContain('the views of people who used the pilot and their carers');

    // The check-in, on its review date, with two engines over the one store: sent once.
    kit.clock.current = new Date('2026-12-01T09:30:00.000Z');
    const other = await createPilot({
      store: kit.bot.store,
      rules: pipelineRulesSchema.parse({ quorum: { experts: 0, providers: 0, others: 0 } }),
      admins: ['slack:UADMIN'],
      clock: kit.clock.now,
      documents: documentFeatures(loadTemplates()),
    });
    const otherNotifier = new RecordingNotifier();
    other.addNotifier(otherNotifier);
    const before = kit.fake.calls.length;
    const ran = await Promise.all([
      runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'replica-a'),
      runDueJobs(other.deps, other.voting, 'replica-b'),
    ]);
    expect(ran.flat().filter((j) => j.kind === 'measure_checkin')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    const inSlack = kit.fake.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && flatText(c.body).includes('It is time to record a figure'));
    const elsewhere = otherNotifier.directs.filter((d) => d.message.text.includes('It is time to record a figure'));
    expect(inSlack.length + elsewhere.length).toBe(1);
    expect(elsewhere.every((d) => d.personId === 'slack:UOWN')).toBe(true);
    // Run again: nothing more is sent.
    expect(
      (await runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'replica-a')).filter(
        (j) => j.kind === 'measure_checkin',
      ),
    ).toHaveLength(0);

    // The owner's agenda shows the figure due, with the form's button.
    const agenda = await kit.answer(await kit.command('UOWN', 'agenda'));
    expect(flatText(agenda.call.body)).toContain('Figures due for pilots');
    expect(flatText(agenda.call.body)).toContain(`${id} “Reablement at home”: M1 Homecare hours a week per person`);
    expect(buttonsIn(agenda.call.body).map((b) => b.text)).toContain('Record the figure');

    // The owner clicks the message's button and records the figure; someone else cannot.
    const checkIn = { action_id: 'form.open', value: JSON.stringify({ form: 'checkin', ideaId: id, measure: 'M1' }) };
    const refused = await kit.answer(await kit.click('UEXP', checkIn));
    expect(refused.text).toContain('only the person who records a measure, or a project manager');
    const form = await kit.modal(await kit.click('UOWN', checkIn));
    expect(await submit('UOWN', form, { measure: 'M1', value: 'fourteen' })).toHaveProperty('value');
    // A decimal comma is not read as a thousands separator (1,5 is not fifteen).
    expect(await submit('UOWN', form, { measure: 'M1', value: '1,5' })).toHaveProperty('value');
    expect(
      await submit('UOWN', form, { measure: 'M1', value: '14', comment: 'Two people left hospital early' }),
    ).toEqual({});
    expect((await stored(id)).artefacts.measures?.[0]?.results).toMatchObject([
      { value: 14, comment: 'Two people left hospital early', recordedBy: 'slack:UOWN' },
    ]);

    expect(flatText((await kit.answer(await kit.command('UOWN', 'agenda'))).call.body)).not.toContain(
      'Figures due for pilots',
    );
    // The report lists the pilot with its measure against target, and draws them in a second chart.
    const uploadsBefore = kit.fake.calls.length;
    const report = await say('UPM', 'report');
    expect(report).toContain('Pilots in delivery');
    expect(report).toContain('M1 Homecare hours a week per person: 14 hours, target 15 (from 20; on target)');
    await kit.fake.waitFor(() =>
      kit.fake.calls.slice(uploadsBefore).some((c) => c.body.filename === 'pilot-measures.png'),
    );

    // A feedback vote from experts by experience gives people's views.
    expect(await say('UPM', `vote open ${id} score`)).toContain('feedback vote (support), not a score');
    // One opened and closed with nobody in it heard nobody: it does not count.
    await say('UPM', `vote open ${id} support 24`);
    await say('UPM', `vote close ${id}`);
    expect(await advance(id)).toContain('a closed feedback vote in which at least one person took part');
    await say('UPM', `vote open ${id} support 24`);
    const round = (await kit.bot.store.listRounds({ ideaId: id, status: 'open' }))[0]!;
    expect(round.eligibleRoles).toEqual(['expert']);
    await kit.bot.pilot.voting.cast({ personId: 'slack:UEXP', roles: ['expert'] }, round.id, {
      kind: 'support',
      choice: 'support',
      reason: 'I get the same carer every week now',
    });
    await say('UPM', `vote close ${id}`);
    expect(await advance(id)).toContain('Pilot: evaluated');

    expect(await advance(id)).toContain('the outcome of this evaluation');
    const outcome = await formFromShow('UPM', id, 'Record the outcome');
    expect(await submit('UPM', outcome, { outcome: 'mainstream', reason: 'Hours fell to 14', lessons: 'x' })).toEqual(
      {},
    );
    expect(await advance(id)).toContain('Pilot mainstreamed');
    const idea = await stored(id);
    expect(idea.status).toBe('mainstreamed');
    expect(idea.history.map((e) => e.to).filter(Boolean)).toEqual(
      expect.arrayContaining(['approved', 'mobilising', 'live', 'evaluated', 'mainstreamed']),
    );
    await kit.fake.waitFor(() =>
      kit.fake.calls.some(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === 'USUB' &&
          flatText(c.body).includes('worked, and it is being made part of the service'),
      ),
    );
    expect(await say('UPM', `show ${id}`)).toContain('Pilot mainstreamed');
  });

  it('walks another to stopped, an extension on the way; its owner without a chat account means the PM is asked', async () => {
    const id = await approvedIdea('Night visits in villages');
    stopped = id;
    await say('UADMIN', 'people add Sam Carer expert');
    await record(id, 'measure', {
      name: 'Missed night visits',
      baseline: 12,
      target: 2,
      unit: 'a month',
      owner: 'person:P-1',
      reviewDates: ['2026-12-10'],
    });
    await say('UPM', `advance ${id}`);
    await record(id, 'mobilisation', { provider: 'Rural Care', contractedOn: '2026-11-25', cohortStart: '2026-12-01' });
    await say('UPM', `advance ${id}`);
    expect((await stored(id)).status).toBe('live');

    kit.clock.current = new Date('2026-12-10T09:30:00.000Z');
    const before = kit.fake.calls.length;
    await runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'replica-a');
    await kit.fake.waitFor(() =>
      kit.fake.calls
        .slice(before)
        .some((c) => c.method === 'chat.postMessage' && flatText(c.body).includes('has no chat account')),
    );
    const toPm = kit.fake.calls
      .slice(before)
      .find((c) => c.method === 'chat.postMessage' && flatText(c.body).includes('has no chat account'))!;
    expect(toPm.body.channel).toBe('UPM');
    expect(buttonsIn(toPm.body).map((b) => b.text)).toContain('Record the figure');

    // The PM records it for them, and logs what carers said at a meeting.
    const form = await kit.modal(await kit.click('UPM', button(toPm.body, 'Record the figure')));
    expect(await submit('UPM', form, { measure: 'M1', value: '11' })).toEqual({});
    await logEngagement(kit.bot.pilot.deps, PM, id, {
      kind: 'focus_group',
      date: '2026-12-10',
      numberOfPeople: 5,
      groups: ['carers'],
      whatTheySaid: 'Visits still get missed when it snows.',
    });
    await say('UPM', `advance ${id}`);
    expect((await stored(id)).status).toBe('evaluated');

    // First an extension (a further period, with a new review date), then stopped.
    const extend = await formFromShow('UPM', id, 'Record the outcome');
    expect(
      await submit('UPM', extend, { outcome: 'extend', reason: 'Winter data needed', lessons: 'Too early' }),
    ).toHaveProperty('nextReviewDate');
    expect(
      await submit('UPM', extend, {
        outcome: 'extend',
        reason: 'Winter data needed',
        lessons: 'Too early',
        nextReviewDate: '2027-02-01',
      }),
    ).toEqual({});
    expect(await advance(id)).toContain('Pilot: extended');
    expect(await advance(id)).toContain('Pilot: running');
    expect(await kit.bot.store.getJob(`checkin:${id}:M1:2027-02-01`)).toMatchObject({ kind: 'measure_checkin' });
    kit.clock.current = new Date('2027-02-01T12:00:00.000Z');
    await record(id, 'measure', {
      name: 'Carers who feel supported',
      baseline: 40,
      target: 70,
      unit: '%',
      owner: 'slack:UOWN',
      reviewDates: ['2027-02-01'],
    }); // a measure can be added while the pilot runs, and gets its check-ins
    expect(await kit.bot.store.getJob(`checkin:${id}:M2:2027-02-01`)).toMatchObject({ kind: 'measure_checkin' });
    // A running pilot's target date can be set too.
    expect(await say('UPM', `due ${id} 2027-08-31`)).not.toContain('no stage');
    expect((await stored(id)).dueDates?.live).toBe('2027-08-31');
    for (const m of (await stored(id)).artefacts.measures ?? [])
      await recordCheckIn(kit.bot.pilot.deps, PM, ['pm'], id, { measure: m.id, value: 10 });
    await logEngagement(kit.bot.pilot.deps, PM, id, {
      kind: 'focus_group',
      date: '2027-02-01',
      numberOfPeople: 4,
      groups: ['experts_by_experience'],
      whatTheySaid: 'Still missed in the snow.',
    });
    await say('UPM', `advance ${id}`);
    expect((await stored(id)).status).toBe('evaluated');
    expect(await advance(id)).toContain('the outcome of this evaluation'); // the earlier outcome does not count again
    await record(id, 'pilot_outcome', {
      outcome: 'stop',
      reason: 'Missed visits fell only to 10 a month',
      lessons: 'Night visits in villages need two carers and a 4x4 in winter.',
    });
    expect(await advance(id)).toContain('Pilot stopped');
    expect((await stored(id)).status).toBe('stopped');
    const report = await say('UPM', 'report');
    expect(report).toContain('Their pilots: 1 mainstreamed, 1 stopped.');
    expect(mainstreamed).not.toBe(stopped);
  });

  it("offers a stopped pilot's lessons at stage 2 of a later idea, and shows them apart at submission", async () => {
    const { id } = await seedIdea(kit, 'slack:USUB', 'Winter cover for rural visits');
    await meetCriteria(kit, id);
    await kit.bot.pilot.pipeline.move(PM, id, 'advance');
    const lessonForm = await formFromShow('UPM', id, 'Use a past pilot’s lessons');
    expect(JSON.stringify(lessonForm)).toContain(`${stopped} Night visits in villages (stopped)`);
    expect(JSON.stringify(lessonForm)).toContain(`${mainstreamed} Reablement at home (mainstreamed)`);
    expect(await submit('UPM', lessonForm, { pilot: stopped })).toEqual({});
    const evidence = (await stored(id)).artefacts.evidence;
    expect(evidence.at(-1)).toMatchObject({
      source: `Our own pilot ${stopped} “Night visits in villages” (pilot stopped)`,
      lesson: 'Night visits in villages need two carers and a 4x4 in winter.',
    });
    expect(await advance(id)).toContain('3. Outline proposal'); // the lesson meets the review's gate

    // Submitting an idea on the same theme: the lesson is listed on its own, not among the similar ideas.
    const open = await kit.modal(await kit.command('UNEW', 'submit Night visits in rural villages'));
    const res = await kit.submit('UNEW', open, submission('Night visits in rural villages'));
    expect(res.body).toBe('');
    await kit.fake.waitFor(() =>
      kit.fake.calls
        .slice(res.since)
        .some((c) => c.method === 'chat.postEphemeral' && flatText(c.body).includes('Lessons from past pilots')),
    );
    const answer = kit.fake.calls
      .slice(res.since)
      .find((c) => c.method === 'chat.postEphemeral' && flatText(c.body).includes('Lessons from past pilots'))!;
    const text = flatText(answer.body);
    expect(text).toContain('need two carers and a 4x4 in winter');
    expect(buttonsIn(answer.body).map((b) => b.text)).not.toContain(`Comment on ${stopped}`);
  });
});
