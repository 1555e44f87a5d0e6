import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMountTeams } from '../../src/bot/teams/mount-teams.js';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { makeUser } from './make-activity.js';
import { buttonData, cardOf, cardText, FAST_RETRY, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

/**
 * SPEC 2.2 in Teams: a running pilot's check-in reaches its owner as a card in their personal chat on the
 * review date; the owner records the figure from it; the PM then evaluates and stops the pilot by typing.
 */
const pat = makeUser('pat', 'Pat Morgan');
const olu = makeUser('olu', 'Olu Bello');
const alice = makeUser('alice', 'Alice Jones');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;
let id = '';

beforeAll(async () => {
  h = await startTeamsHarness(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      PILOT_TEAMS_AUTH: 'off',
      PILOT_ADMINS: pat.personId,
      PILOT_QUORUM_EXPERTS: '0',
      PILOT_QUORUM_PROVIDERS: '0',
    },
    [createMountTeams({ retry: FAST_RETRY })],
  );
  s = steps(h);
  for (const who of [olu, alice]) await s.say(who, 'help');
  await s.say(pat, `role ${pat.personId} pm`);
  await s.say(pat, `role ${olu.personId} finance`);
  id = await submitIdea(h, alice, 'Carers’ evening calls');
  // The walk to approval is the subject of other tests: done through the engine, as the PM.
  const pm = pat.personId;
  const record = (kind: string, input: Record<string, unknown>) =>
    h.bot.pilot.core.services.artefacts.record(pm, id, kind, input);
  const advance = () => h.bot.pilot.pipeline.move(pm, id, 'advance');
  await record('criteria', {
    met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
  });
  await advance();
  await record('no_precedent', { note: 'Searched' });
  await advance();
  await record('outline', { objectives: 'o', cohort: 'c', cohortSize: 8, durationMonths: 6, approach: 'a' });
  await record('risk', { risk: 'r', likelihood: 'low', impact: 'low', mitigation: 'm', owner: 'Lead' });
  await record('options', { doNothing: 'd', alternatives: 'a' });
  await advance();
  const { round } = await h.bot.pilot.voting.open(pm, id, 'score', 24);
  await h.bot.pilot.voting.close(pm, round.id);
  await record('shortlist', { shortlisted: true, override: true, reason: 'Worth a small test' });
  await advance();
  await record('funding', { source: 'bcf', amount: 5000, budgetHolder: 'Director' });
  await advance();
  await record('interest', { providerName: 'Care Co', summary: 's', hasConflict: false });
  await advance();
  await record('specialists', { areas: [] });
  await advance();
  await record('final', {
    evaluation: 'e',
    benefits: 'b',
    successCriteria: 'Calls answered',
    committeeDate: '2027-03-15',
  });
  await record('screening', {
    equalityApplicable: false,
    equalityWhy: 'w',
    healthInequalitiesApplicable: false,
    healthInequalitiesWhy: 'w',
    publicEngagementApplicable: false,
    publicEngagementWhy: 'w',
  });
  await s.say(pat, `case ${id}`);
  await record('decision', { decision: 'approved' });
  await record('measure', {
    name: 'Evening calls answered',
    baseline: 50,
    target: 90,
    unit: '%',
    owner: olu.personId,
    reviewDates: ['2026-12-07'],
  });
  await advance();
  await record('mobilisation', { provider: 'Care Co', contractedOn: '2026-11-20', cohortStart: '2026-11-30' });
  await advance();
});
afterAll(async () => h.close());

describe('a pilot in Teams', () => {
  it('sends the check-in card to the owner on the review date; the owner records the figure from it', async () => {
    expect((await h.bot.store.getIdea(id))?.status).toBe('live');
    h.clock.current = new Date('2026-12-07T09:30:00.000Z');
    const before = h.fake.calls.length;
    await runDueJobs(h.bot.pilot.deps, h.bot.pilot.voting, 'replica-a');
    const sent = await h.fake.waitFor(
      (c) => c.kind === 'send' && cardText(cardOf(c.body)).includes('It is time to record a figure'),
    );
    expect(h.fake.calls.indexOf(sent)).toBeGreaterThanOrEqual(before);
    const card = cardOf(sent.body);
    expect(cardText(card)).toContain('Evening calls answered');
    const form = await s.click(olu, buttonData(card, 'Record the figure'));
    expect(cardText(form.card)).toContain('The figure now');
    const done = await s.press(olu, form.card, 'Record it', { measure: 'M1', value: '72', comment: 'Winter dip' });
    expect(cardText(done.card)).toContain('recorded as 72 %');
    expect((await h.bot.store.getIdea(id))?.artefacts.measures?.[0]?.results?.[0]).toMatchObject({
      value: 72,
      recordedBy: olu.personId,
    });
  });

  it('the PM evaluates and stops it by typing; list and show know where it is', async () => {
    const refused = await s.say(pat, `advance ${id}`);
    expect(cardText(refused.card)).toContain('the views of people who used the pilot and their carers');
    await s.say(pat, `vote open ${id} support 24`);
    const round = (await h.bot.store.listRounds({ ideaId: id, status: 'open' }))[0]!;
    await s.say(pat, `role ${alice.personId} expert`);
    await h.bot.pilot.voting.cast({ personId: alice.personId, roles: ['expert'] }, round.id, {
      kind: 'support',
      choice: 'support',
    });
    await s.say(pat, `vote close ${id}`);
    expect(cardText((await s.say(pat, `advance ${id}`)).card)).toContain('Pilot: evaluated');
    const show = await s.say(pat, `show ${id}`);
    const outcome = await s.press(pat, show.card, 'Record the outcome');
    await s.press(pat, outcome.card, 'Save outcome', {
      outcome: 'stop',
      reason: 'Calls answered rose only to 72%',
      lessons: 'Evening calls need a second line.',
    });
    expect(cardText((await s.say(pat, `advance ${id}`)).card)).toContain('Pilot stopped');
    expect(cardText((await s.say(pat, 'list all')).card)).toContain('Pilot stopped: 1');
  });
});
