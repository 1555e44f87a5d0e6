import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot } from '../../src/app/create-pilot.js';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { WEEKLY_DIGEST_JOB_ID } from '../../src/workflows/weekly-digest.js';
import { TestClock } from '../support/pilot-harness.js';
import { giveRoles, meetCriteria, recordOutline, seedIdea } from './seed.js';
import { flatText, SlackKit } from './slack-kit.js';

// A Wednesday in the week British Summer Time starts (Sunday 28 March 2027): the digest is due on Monday
// 29 March at 09:00 London time, which is 08:00 UTC. Every date here is fixed: nothing reads today's date.
const START = new Date('2027-03-24T10:00:00Z');
let kit: SlackKit;
let configDir: string;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'pilot-pacing-'));
  const config = join(configDir, 'rules.json');
  // Review may take one day here, so an idea is overdue within the week.
  writeFileSync(config, JSON.stringify({ stageDays: { review: 1 } }));
  kit = await SlackKit.start(
    {
      PILOT_CONFIG_FILE: config,
      PILOT_PROVIDERS_FORUM: 'slack:CPROV',
      PILOT_COMMITTEE_CHANNEL: 'slack:CCOMM',
      PILOT_QUORUM_EXPERTS: '0',
      PILOT_QUORUM_PROVIDERS: '0',
    },
    { clock: new TestClock(new Date(START)) },
  );
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, 'slack:UFIN', ['finance']);
  await seedIdea(kit, 'slack:USUB', 'Flexible Homecare');
  await meetCriteria(kit, 'IP-1');
  const moved = await kit.answer(await kit.command('UPM', 'advance IP-1'));
  expect(moved.text).toContain('2. Review');
});
afterAll(async () => {
  await kit.close();
  rmSync(configDir, { recursive: true, force: true });
});

const say = async (user: string, text: string) => (await kit.answer(await kit.command(user, text))).text;

describe('overdue ideas and target dates (/pilot due, show, list, agenda)', () => {
  it('marks an idea past its stage’s target in agenda, show and list', async () => {
    expect(await say('UPM', 'agenda')).toContain('Nothing you look after is past its target date.');
    kit.clock.current = new Date('2027-03-26T10:00:00Z');
    const agenda = await say('UPM', 'agenda');
    expect(agenda).toMatch(/Overdue ideas[\s\S]*IP-1 · Flexible Homecare · overdue \(target was 25 March 2027\)/);
    expect(await say('UPM', 'show IP-1')).toContain(
      'Overdue: its target for 2. Review of similar work was 25 March 2027.',
    );
    // The Home tab shows the same agenda.
    const before = kit.fake.callsTo('views.publish').length;
    await kit.event({ type: 'app_home_opened', user: 'UPM', channel: 'DUPM', tab: 'home', event_ts: '1.0' });
    const home = await kit.fake.waitFor(() => kit.fake.callsTo('views.publish')[before]);
    expect(flatText(home.body.view)).toMatch(
      /Overdue ideas[\s\S]*IP-1 · Flexible Homecare · overdue \(target was 25 March 2027\)/,
    );
    expect(await say('UPM', 'list')).toContain(
      'IP-1 · Flexible Homecare · here for 2 days · overdue (target was 25 March 2027)',
    );
  });

  it('explains a malformed or past date, and refuses people who are not PMs', async () => {
    expect(await say('UPM', 'due IP-1 26/04/2027')).toContain('Dates look like 2027-03-15');
    expect(await say('UPM', 'due IP-1 2027-02-30')).toContain('That date does not exist');
    expect(await say('UPM', 'due IP-1 2027-03-01')).toContain('1 March 2027 has already passed');
    expect(await say('UPM', 'due IP-1')).toContain('Please give the target date');
    expect(await say('USUB', 'due IP-1 2027-04-30')).toContain('is for project managers');
  });

  it('lets the idea’s PM set a new date, audited, and the idea is no longer overdue', async () => {
    expect(await say('UPM', 'due IP-1 2027-03-31')).toContain(
      'should move on from 2. Review of similar work by 31 March 2027',
    );
    const show = await say('UPM', 'show IP-1');
    expect(show).toContain('31 March 2027');
    expect(show).not.toContain('Overdue');
    const audit = await kit.bot.store.listAudit({ ideaId: 'IP-1' });
    expect(audit.at(-1)).toMatchObject({
      type: 'idea.due_set',
      actorId: 'slack:UPM',
      detail: { status: 'review', due: '2027-03-31' },
    });
  });
});

describe('the weekly digest', () => {
  it('goes out once across two engines sharing the store, at 09:00 London time after the clocks go forward', async () => {
    // A second engine over the same store, delivering through the same Slack adapter.
    const second = await createPilot({
      store: kit.bot.store,
      rules: kit.bot.pilot.deps.rules,
      clock: kit.clock.now,
      committeeChannels: ['slack:CCOMM'],
    });
    second.addNotifier(kit.bot.pilot.deps.notifier);
    expect((await kit.bot.store.getJob(WEEKLY_DIGEST_JOB_ID))?.dueAt).toBe('2027-03-29T08:00:00.000Z');
    // IP-1 is overdue again at the digest: its date was set back to one day after it entered review.
    await kit.bot.store.saveIdea(
      { ...(await kit.bot.store.getIdea('IP-1'))!, dueDates: { review: '2027-03-25' } },
      (await kit.bot.store.getIdea('IP-1'))!.version,
      [],
    );
    const digests = (channel: string) =>
      kit.fake
        .callsTo('chat.postMessage')
        .filter((c) => c.body.channel === channel && flatText(c.body).includes('Weekly digest'));
    const runBoth = () =>
      Promise.all([
        runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'engine-a'),
        runDueJobs(second.deps, second.voting, 'engine-b'),
      ]);

    kit.clock.current = new Date('2027-03-29T07:59:00Z'); // 08:59 BST
    await runBoth();
    expect(digests('UPM')).toHaveLength(0);

    kit.clock.current = new Date('2027-03-29T08:00:00Z'); // 09:00 BST
    const [a, b] = await runBoth();
    expect([...a, ...b].filter((j) => j.kind === 'weekly_digest')).toHaveLength(1);
    await kit.fake.waitFor(() => digests('CCOMM')[0]);
    expect(digests('UPM')).toHaveLength(1);
    expect(digests('CCOMM')).toHaveLength(1);
    const text = flatText(digests('UPM')[0]!.body);
    expect(text).toContain('Weekly digest: 22 March 2027 to 29 March 2027');
    expect(text).toMatch(
      /What moved in the last week[\s\S]*IP-1 · Flexible Homecare · 1. Longlist → 2. Review of similar work on 24 March 2027/,
    );
    expect(text).toMatch(
      /Overdue ideas you look after[\s\S]*IP-1 · Flexible Homecare · 2. Review of similar work · overdue since 25 March 2027/,
    );

    // Run again straight after: nothing more is sent; the next one is due a week later, still 09:00 BST.
    await runBoth();
    expect(digests('UPM')).toHaveLength(1);
    expect((await kit.bot.store.getJob(WEEKLY_DIGEST_JOB_ID))?.dueAt).toBe('2027-04-05T08:00:00.000Z');
  });
});

describe('being told it is your turn', () => {
  it('invites providers in their forum when an idea reaches provider scoping', async () => {
    const idea = await seedIdea(kit, 'slack:USUB', 'Assistive Technology');
    const advance = () => say('UPM', `advance ${idea.id}`);
    await meetCriteria(kit, idea.id);
    await advance();
    await kit.bot.pilot.core.services.artefacts.record('slack:UPM', idea.id, 'no_precedent', { note: 'Searched' });
    await advance();
    await recordOutline(kit, idea.id);
    await advance();
    const record = (kind: string, input: Record<string, unknown>) =>
      kit.bot.pilot.core.services.artefacts.record('slack:UPM', idea.id, kind, input);
    const { round } = await kit.bot.pilot.voting.open('slack:UPM', idea.id, 'score', 24);
    await kit.bot.pilot.voting.close('slack:UPM', round.id);
    await record('shortlist', { shortlisted: true, override: true, reason: 'Worth a small test' });
    await advance();
    await record('funding', { source: 'bcf', amount: 12500, budgetHolder: 'Director of Adult Care' });
    expect(await advance()).toContain('6. Provider scoping');
    const post = await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postMessage')
        .find((c) => c.body.channel === 'CPROV' && flatText(c.body).includes('has reached provider scoping')),
    );
    expect(flatText(post.body)).toContain(`${idea.id} “Assistive Technology” has reached provider scoping`);
    expect(flatText(post.body)).toContain('Express interest');

    await record('interest', { providerName: 'Care Co', summary: 'Two teams', hasConflict: false });
    expect(await advance()).toContain('7. Specialist engagement');
    // The PM marks finance as required through the form, as in Slack.
    const open = await kit.click('UPM', {
      action_id: 'form.open',
      value: JSON.stringify({ form: 'specialists', ideaId: idea.id }),
    });
    const modal = await kit.modal(open);
    const res = await kit.submit('UPM', modal, { areas: ['finance'] });
    expect(res.status).toBe(200);
    const dm = await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postMessage')
        .find((c) => c.body.channel === 'UFIN' && flatText(c.body).includes('Your turn')),
    );
    expect(flatText(dm.body)).toContain(
      `Your turn: ${idea.id} “Assistive Technology” needs a finance sign-off from you.`,
    );
    expect(await say('UFIN', 'agenda')).toContain('needs your finance sign-off');
  });
});
