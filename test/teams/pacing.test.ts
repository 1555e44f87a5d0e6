import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { channel, makeMembersAdded, makeUser, personalChat } from './make-activity.js';
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

const alice = makeUser('alice', 'Alice Jones');
const pat = makeUser('pat', 'Pat Morgan');
const dana = makeUser('dana', 'Dana Wu');
const providers = channel('providers');
const committee = channel('committee');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;

beforeAll(async () => {
  // The harness clock starts on Monday 23 November 2026, 09:00 UTC (GMT); every date here is fixed.
  h = await startTeamsHarness({
    PILOT_COMMITTEE_CHANNEL: `teams:${committee.id}`,
    PILOT_QUORUM_EXPERTS: '0',
    PILOT_QUORUM_PROVIDERS: '0',
  });
  s = steps(h);
  // Local mode: everyone may act as an admin and a PM; the digest goes to people who hold the PM role.
  await h.bot.pilot.people.assign(pat.personId, pat.personId, ['pm']);
  await h.bot.pilot.people.assign(pat.personId, dana.personId, ['finance']);
  await s.say(dana, 'roles'); // Dana has used the bot, so it can message her.
  await s.say(pat, 'forum providers', providers);
  await s.say(pat, 'help', committee); // The bot has been mentioned in the committee channel.
});
afterAll(async () => {
  await h.close();
});

const sends = (calls: { kind: string; conversationId?: string; body?: unknown }[], conversationId: string) =>
  calls.filter((c) => c.kind === 'send' && c.conversationId === conversationId).map((c) => cardText(cardOf(c.body)));

describe('pacing in Teams', () => {
  it('offers agenda in the welcome message', async () => {
    const sam = makeUser('sam', 'Sam Lee');
    const hello = await h.send(makeMembersAdded(h.fake.url, sam, personalChat(sam)));
    expect(cardText(cardOf(hello.calls[0]?.body))).toContain('Type **agenda** to see what waits on you');
    expect(cardText((await s.say(sam, 'agenda')).card)).toContain('What waits on you');
  });

  it('shows an overdue idea in agenda, and in the weekly digest sent to the PM and the committee channel', async () => {
    const id = await submitIdea(h, alice, 'Carers’ breaks at home');
    await h.bot.pilot.core.services.artefacts.record(pat.personId, id, 'criteria', {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
    });
    expect(cardText((await s.say(pat, `advance ${id}`)).card)).toContain('2. Review');
    expect(cardText((await s.say(pat, 'agenda')).card)).toContain('Nothing you look after is past its target date.');
    // Review's default target is 21 days: on Monday 21 December it was due on the 14th.
    h.clock.current = new Date('2026-12-21T09:00:00Z');
    const agenda = cardText((await s.say(pat, 'agenda')).card);
    expect(agenda).toMatch(/Overdue ideas[\s\S]*Carers’ breaks at home · overdue \(target was 14 December 2026\)/);

    const start = h.fake.calls.length;
    const ran = await runDueJobs(h.bot.pilot.deps, h.bot.pilot.voting, 'teams-test');
    expect(ran.map((j) => j.kind)).toContain('weekly_digest');
    const calls = h.fake.calls.slice(start);
    const toPat = sends(calls, personalChat(pat).id);
    expect(toPat).toHaveLength(1);
    expect(toPat[0]).toMatch(/Overdue ideas you look after[\s\S]*overdue since 14 December 2026/);
    const toCommittee = sends(calls, committee.id);
    expect(toCommittee).toHaveLength(1);
    expect(toCommittee[0]).toContain('Weekly digest');
    // The next digest is the following Monday at 09:00 London (GMT in December).
    expect((await h.bot.store.getJob('weekly_digest'))?.dueAt).toBe('2026-12-28T09:00:00.000Z');
  });

  it('posts in the providers’ forum at provider scoping, and tells a specialist when their sign-off is needed', async () => {
    const id = await submitIdea(h, alice, 'Assistive technology');
    const record = (kind: string, input: Record<string, unknown>) =>
      h.bot.pilot.core.services.artefacts.record(pat.personId, id, kind, input);
    const advance = async () => cardText((await s.say(pat, `advance ${id}`)).card);
    await record('criteria', {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
    });
    await advance();
    await record('no_precedent', { note: 'Searched the LGA case studies' });
    await advance();
    await record('outline', {
      objectives: 'Fewer falls',
      cohort: 'People living alone',
      cohortSize: 12,
      durationMonths: 6,
      approach: 'Sensors and a call-back team',
    });
    await record('risk', {
      risk: 'Sensors fail',
      likelihood: 'low',
      impact: 'medium',
      mitigation: 'Weekly checks',
      owner: 'Technology lead',
    });
    await record('options', { doNothing: 'More falls.', alternatives: 'Pendant alarms only.' });
    await advance();
    const { round } = await h.bot.pilot.voting.open(pat.personId, id, 'score', 24);
    await h.bot.pilot.voting.close(pat.personId, round.id);
    await record('shortlist', { shortlisted: true, override: true, reason: 'Worth a small test' });
    await advance();
    await record('funding', { source: 'bcf', amount: 9000, budgetHolder: 'Director of Adult Care' });
    const start = h.fake.calls.length;
    expect(await advance()).toContain('6. Provider scoping');
    const posts = sends(h.fake.calls.slice(start), providers.id);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain(`${id} “Assistive technology” has reached provider scoping`);

    await record('interest', { providerName: 'Care Co', summary: 'Two teams', hasConflict: false });
    expect(await advance()).toContain('7. Specialist engagement');
    const show = (await s.say(pat, `show ${id}`)).card;
    const form = (await s.press(pat, show, 'Sign-offs needed')).card;
    const saved = await s.press(pat, form, 'Save', { areas: 'finance' });
    const toDana = sends(saved.calls, personalChat(dana).id);
    expect(toDana).toHaveLength(1);
    expect(toDana[0]).toContain(`Your turn: ${id} “Assistive technology” needs a finance sign-off from you.`);
  });
});
