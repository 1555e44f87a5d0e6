import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtefactKind } from '../../src/artefacts/artefact-registry.js';
import type { Role } from '../../src/domain/reference-data.js';
import type { RoundKind } from '../../src/domain/voting.js';
import type { SlackCall } from '../support/fake-slack.js';
import { readingEase } from '../support/reading-ease.js';
import { giveRoles, recordFinalProposal, seedIdea, walkToShortlist } from './seed.js';
import { button, flatText, SlackKit } from './slack-kit.js';

/**
 * SPEC 3.1 "You said, we did" and "the idea's PM", driven through signed Slack requests: each decision
 * that follows a vote is posted in both forums and sent to each person who voted, naming the idea's PM.
 */
let kit: SlackKit;
const PM = 'slack:UPM';
const FORUMS = ['CEXPERTS', 'CPROVIDERS'];

beforeAll(async () => {
  kit = await SlackKit.start({
    PILOT_EXPERTS_FORUM: 'slack:CEXPERTS',
    PILOT_PROVIDERS_FORUM: 'slack:CPROVIDERS',
    PILOT_QUORUM_EXPERTS: '0',
    PILOT_QUORUM_PROVIDERS: '0',
  });
  for (const id of ['UPM', 'UPM2', 'UPM3']) await giveRoles(kit, `slack:${id}`, ['pm']);
  for (const id of ['UEX1', 'UEX2', 'UEX3', 'UNOVOTE']) await giveRoles(kit, `slack:${id}`, ['expert']);
  await giveRoles(kit, 'slack:UPR1', ['provider']);
});
afterAll(async () => kit.close());

/** Runs `/pilot <text>` and waits for its answer (the notices it causes are sent before it). */
async function run(userId: string, text: string) {
  const sent = await kit.command(userId, text);
  return { answer: await kit.answer(sent), since: sent.since };
}

/** The messages the bot posted since a point: in a forum channel, or as a DM to a user (posting to a user id). */
function postsTo(channel: string, since: number): SlackCall[] {
  return kit.fake.calls
    .slice(since)
    .filter((c) => c.method === 'chat.postMessage' && c.outcome === 'ok' && c.body.channel === channel);
}

/** The "You said, we did" posts in each forum, and the DMs, since a point. */
function notices(since: number) {
  const heard = (c: SlackCall) => flatText(c.body).includes('You said, we did');
  return {
    forum: (channel: string) => postsTo(channel, since).filter(heard),
    dms: (userId: string) => postsTo(userId, since).filter(heard),
  };
}

/** Records a stage artefact straight through the engine (for steps that are not the subject). */
function record(id: string, kind: ArtefactKind, input: Record<string, unknown>, by = PM) {
  return kit.bot.pilot.core.services.artefacts.record(by, id, kind, input);
}

const advance = (id: string, by = PM) => kit.bot.pilot.pipeline.move(by, id, 'advance');

/** Walks a new idea to stage 4, shortlist. */
async function ideaAtShortlist(title: string): Promise<string> {
  const { id } = await seedIdea(kit, 'slack:USUB', title);
  await walkToShortlist(kit, id, () => advance(id));
  return id;
}

/** Opens a vote, has these people vote through the engine, and closes it; returns the round. */
async function closedVote(id: string, kind: RoundKind, voters: [string, Role[]][]) {
  const { round } = await kit.bot.pilot.voting.open(PM, id, kind, 24);
  const scores = Object.fromEntries(kit.bot.pilot.deps.rules.priorities.map((p) => [p.id, 4]));
  for (const [personId, roles] of voters)
    await kit.bot.pilot.voting.cast(
      { personId, roles },
      round.id,
      // Providers answer the conflict question with their first vote (SPEC 3.1).
      kind === 'score'
        ? { kind: 'score', scores, hasConflict: false }
        : { kind: 'support', choice: 'support', hasConflict: false },
    );
  return kit.bot.pilot.voting.close(PM, round.id);
}

/** Opens the shortlisting form from `show`, as the PM, and submits it; returns where the calls it caused start. */
async function shortlistForm(id: string, values: Record<string, string>): Promise<number> {
  const shown = await kit.answer(await kit.command('UPM', `show ${id}`));
  const view = await kit.modal(await kit.click('UPM', button(shown.call.body, 'Shortlisting decision')));
  const res = await kit.submit('UPM', view, values);
  expect(res.body).toBe('');
  await kit.fake.waitFor(() =>
    kit.fake.calls.slice(res.since).find((c) => c.body.user === 'UPM' || c.body.channel === 'UPM'),
  );
  return res.since;
}

/** Checks the forum posts and the DMs a decision caused, and returns the DM text one voter read. */
function expectHeard(since: number, voters: string[], notTold: string[], says: string[]): string {
  const seen = notices(since);
  for (const channel of FORUMS) {
    const posts = seen.forum(channel);
    expect(posts, `one notice in ${channel}`).toHaveLength(1);
    const text = flatText(posts[0]?.body);
    for (const words of says) expect(text).toContain(words);
    expect(text).toContain('Thank you to everyone who voted');
  }
  for (const voter of voters) expect(seen.dms(voter), `one DM to ${voter}`).toHaveLength(1);
  for (const other of notTold) expect(seen.dms(other), `no DM to ${other}`).toHaveLength(0);
  const dm = flatText(seen.dms(voters[0] as string)[0]?.body);
  for (const words of says) expect(dm).toContain(words);
  expect(dm).toContain('Thank you for voting on the idea');
  expect(dm).toContain('We send this to everyone who voted on this idea.');
  for (const voter of voters) expect(dm).not.toContain(voter); // no one who voted is named
  expect(readingEase(dm.replace(/<@\w+>/g, 'Pat'))).toBeGreaterThanOrEqual(60);
  return dm;
}

describe('you said, we did: the shortlisting decision', () => {
  let id = '';
  beforeAll(async () => {
    id = await ideaAtShortlist('Evening calls');
    const round = await closedVote(id, 'score', [
      ['slack:UEX1', ['expert']],
      ['slack:UEX2', ['expert']],
      ['slack:UPR1', ['provider']],
    ]);
    // An anonymous round: after its close nothing links a person to a choice; its participation records remain.
    expect(round.anonymous && round.sealed).toBe(true);
    expect(await kit.bot.store.listVotes(round.id)).toEqual([]);
  });

  it('shortlisted: both forums and each voter of the anonymous vote are told, naming the PM; others are not', async () => {
    const since = await shortlistForm(id, { shortlisted: 'yes', override: 'no' });
    const dm = expectHeard(
      since,
      ['UEX1', 'UEX2', 'UPR1'],
      ['UNOVOTE', 'UEX3', 'UPM', 'UPM2'],
      [`${id} “Evening calls”`, 'It has been put on the shortlist.', 'If you have questions, contact <@UPM>.'],
    );
    expect(dm).toContain('What happens next? We look for the money to run it.');
    expect(dm).not.toMatch(/\b[1-5](\.\d)? (of 5|out of)|score|R-\d/);
  });

  it('not shortlisted, then shortlisted by an override with its reason: each is told once', async () => {
    const no = await shortlistForm(id, { shortlisted: 'no', override: 'no', reason: 'Too costly for now.' });
    expectHeard(
      no,
      ['UEX1', 'UEX2', 'UPR1'],
      ['UNOVOTE'],
      ['It has not been put on the shortlist.', 'The reason given: Too costly for now.'],
    );
    const yes = await shortlistForm(id, { shortlisted: 'yes', override: 'yes', reason: 'Carers asked for it.' });
    expectHeard(
      yes,
      ['UEX1', 'UEX2', 'UPR1'],
      ['UNOVOTE'],
      [
        'It has been put on the shortlist. The vote alone did not settle this, so the project manager made the choice and gave a reason.',
        'The reason given: Carers asked for it.',
      ],
    );
  });
});

describe('you said, we did: return, hold and reject', () => {
  let id = '';
  beforeAll(async () => {
    const { id: created } = await seedIdea(kit, 'slack:USUB', 'Shared rota');
    id = created;
    await record(id, 'criteria', {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
    });
    await advance(id);
    // UEX1 votes with the button in the forum message, as people do; then a second vote, where UEX1 takes part again.
    const opened = await run('UPM', `vote open ${id} support 24`);
    const post = await kit.fake.waitFor(() =>
      postsTo('CEXPERTS', opened.since).find((c) => flatText(c.body).includes('Your view is wanted')),
    );
    await kit.answer(await kit.click('UEX1', button(post.body, 'Support'), { channelId: 'CEXPERTS' }));
    await run('UPM', `vote close ${id}`);
    await closedVote(id, 'support', [
      ['slack:UEX1', ['expert']],
      ['slack:UEX3', ['expert']],
    ]);
  });

  it('a return is told once to each person who voted in either vote, with its reason and what happens next', async () => {
    const { answer, since } = await run('UPM', `return ${id} It needs more evidence of demand`);
    expect(answer.text).toContain('returned to 1. Longlist');
    expectHeard(
      since,
      ['UEX1', 'UEX3'],
      ['UEX2', 'UPR1', 'UNOVOTE'],
      [
        'It has been sent back to the longlist stage for more work.',
        'The reason given: It needs more evidence of demand',
        'What happens next? When that work is done, it can move on again.',
        'If you have questions, contact <@UPM>.',
      ],
    );
  });

  it('a hold names the PM who held it; a resume is not a decision to tell the forums about', async () => {
    const held = await run('UPM2', `hold ${id} Waiting for the new budget year`);
    expectHeard(
      held.since,
      ['UEX1', 'UEX3'],
      ['UPM2'],
      ['It has been put on hold at the longlist stage.', 'If you have questions, contact <@UPM2>.'],
    );
    const resumed = await run('UPM2', `resume ${id}`);
    for (const channel of FORUMS) expect(notices(resumed.since).forum(channel)).toHaveLength(0);
  });

  it('a rejection says work has stopped', async () => {
    const { since } = await run('UPM', `reject ${id} It is outside the framework's scope`);
    expectHeard(
      since,
      ['UEX1', 'UEX3'],
      [],
      ['It will not be taken forward.', 'Work on this idea has stopped.', 'If you have questions, contact <@UPM>.'],
    );
  });

  it('a decision on an idea that has had no vote is not posted in the forums', async () => {
    const { id: quiet } = await seedIdea(kit, 'slack:USUB', 'Garden help');
    const { since } = await run('UPM', `hold ${quiet} Waiting for the budget`);
    for (const channel of FORUMS) expect(notices(since).forum(channel)).toHaveLength(0);
  });
});

describe('you said, we did: the JCC decision', () => {
  /** An idea at stage 8 after a closed scoring vote, with its final proposal and business case in place. */
  async function ideaAtFinal(title: string): Promise<string> {
    const id = await ideaAtShortlist(title);
    await closedVote(id, 'score', [
      ['slack:UEX2', ['expert']],
      ['slack:UPR1', ['provider']],
    ]);
    await record(id, 'shortlist', { shortlisted: true, override: true, reason: 'Worth a small test' });
    await advance(id);
    await record(id, 'funding', { source: 'bcf', amount: 12500, budgetHolder: 'Director of Adult Care' });
    await advance(id);
    await record(id, 'interest', { providerName: 'Care Co', summary: 'Two teams', hasConflict: false });
    await advance(id);
    await record(id, 'specialists', { areas: [] });
    await advance(id);
    await recordFinalProposal(kit, id);
    await kit.bot.pilot.core.services.documents?.businessCase(id, PM);
    return id;
  }

  it('deferred: the submitter, the forums and the voters hear of it, and the idea stays at stage 8', async () => {
    const id = await ideaAtFinal('Night sitting');
    const { answer, since } = await run('UPM', `decision ${id} deferred Waiting for the finance report`);
    expect(answer.text).toContain('deferred');
    expect((await kit.bot.store.getIdea(id))?.status).toBe('final_proposal');
    expectHeard(
      since,
      ['UEX2', 'UPR1'],
      ['UEX1', 'UNOVOTE'],
      [
        'It is waiting for a decision from the Joint Commissioning Committee.',
        'The reason given: Waiting for the finance report',
        'It will go back to the committee at a later meeting.',
      ],
    );
    const toSubmitter = postsTo('USUB', since).map((c) => flatText(c.body));
    expect(toSubmitter).toEqual([expect.stringContaining('has put off its decision on your idea')]);
    expect(toSubmitter[0]).toContain('Waiting for the finance report');

    const approved = await run('UPM', `decision ${id} approved Go ahead`);
    expectHeard(
      approved.since,
      ['UEX2', 'UPR1'],
      ['UEX1'],
      ['It has been approved by the Joint Commissioning Committee.', 'The pilot can now be set up.'],
    );
    expect(postsTo('USUB', approved.since).map((c) => flatText(c.body))).toEqual([
      expect.stringContaining('Great news'),
    ]);
  });

  it('rejected: the forums and the voters are told, with the note', async () => {
    const id = await ideaAtFinal('Befriending calls');
    const { since } = await run('UPM', `decision ${id} rejected Not enough money this year`);
    expectHeard(
      since,
      ['UEX2', 'UPR1'],
      [],
      [
        'It has been turned down by the Joint Commissioning Committee.',
        'The reason given: Not enough money this year',
        'Work on this idea has stopped.',
      ],
    );
  });
});

describe('the idea’s PM', () => {
  it('is shown in `show`, and is the one PM told when the idea waits on a PM', async () => {
    const { id } = await seedIdea(kit, 'slack:USUB', 'Carers’ cafe');
    expect((await run('UEX1', `show ${id}`)).answer.text).toContain('None yet: every project manager is told about it');
    // Before any move, every PM but the one who acted hears that the idea is ready.
    const met = kit.fake.calls.length;
    await record(id, 'criteria', {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
    });
    for (const pm of ['UPM2', 'UPM3'])
      expect(postsTo(pm, met).map((c) => flatText(c.body))).toEqual([expect.stringContaining('Waiting on you')]);

    expect((await run('UPM2', `advance ${id}`)).answer.text).toContain('moved on to 2. Review');
    expect((await run('UEX1', `show ${id}`)).answer.text).toMatch(/Project manager\*\n<@UPM2>/);
    const ready = kit.fake.calls.length;
    await record(id, 'no_precedent', { note: 'Nothing like it nearby' });
    expect(postsTo('UPM2', ready).map((c) => flatText(c.body))).toEqual([expect.stringContaining('Waiting on you')]);
    expect(postsTo('UPM3', ready)).toHaveLength(0);
  });

  it('hears of a new comment, as the submitter does; the commenter is not told of their own', async () => {
    const { id } = await seedIdea(kit, 'slack:USUB', 'Walking group');
    await record(id, 'criteria', {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
    });
    await advance(id, 'slack:UPM2');
    const { answer, since } = await run('UEX1', `comment ${id} Please keep carers involved.`);
    expect(answer.text).toContain('your comment on');
    const toSubmitter = postsTo('USUB', since).map((c) => flatText(c.body));
    expect(toSubmitter).toEqual([expect.stringContaining(`<@UEX1> commented on your idea ${id} “Walking group”`)]);
    expect(toSubmitter[0]).toContain('“Please keep carers involved.”');
    const toPm = postsTo('UPM2', since).map((c) => flatText(c.body));
    expect(toPm).toEqual([expect.stringContaining(`<@UEX1> commented on the idea ${id} “Walking group”`)]);
    for (const other of ['UEX1', 'UPM', 'UPM3']) expect(postsTo(other, since)).toHaveLength(0);

    // A long comment is clipped in the notice (it is whole in the idea).
    const long = await run('USUB', `comment ${id} ${'We tried this in our street and it worked well. '.repeat(12)}`);
    const clipped = flatText(postsTo('UPM2', long.since)[0]?.body);
    expect(clipped).toContain('…');
    expect(clipped.length).toBeLessThan(500);
    expect(postsTo('USUB', long.since)).toHaveLength(0);
  });

  it('with no chat account, every PM is told instead', async () => {
    const { id } = await seedIdea(kit, 'slack:USUB', 'Memory cafe');
    await record(id, 'criteria', {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
    });
    // A PM registered without Slack or Teams (SPEC 3.1 "taking part without a chat account") moved it.
    await advance(id, 'person:P-1');
    // Someone without a chat account is named by their number (P-1), never a mention or a name.
    expect((await run('UEX1', `show ${id}`)).answer.text).toContain('Project manager*\nP-1');
    const { since } = await run('UEX1', `comment ${id} Could this run on Saturdays?`);
    for (const pm of ['UPM', 'UPM2', 'UPM3'])
      expect(postsTo(pm, since).map((c) => flatText(c.body))).toEqual([
        expect.stringContaining(`commented on the idea ${id}`),
      ]);
  });
});

describe('a notice that fails', () => {
  it('is logged, and the decision stands; the other forum still hears of it', async () => {
    const id = await ideaAtShortlist('Digital check-ins');
    await closedVote(id, 'score', [['slack:UEX3', ['expert']]]);
    kit.fake.failOnce('chat.postMessage', 'channel_not_found', (body) => body.channel === 'CEXPERTS');
    const { answer, since } = await run('UPM', `hold ${id} Waiting for the budget`);
    expect(answer.text).toContain('on hold');
    expect((await kit.bot.store.getIdea(id))?.status).toBe('on_hold');
    expect(notices(since).forum('CPROVIDERS')).toHaveLength(1);
    expect(notices(since).dms('UEX3')).toHaveLength(1);
    const failed = kit.logs.findIndex((l) => l.level === 'error' && l.message === 'Slack forum post failed');
    expect(kit.logs[failed]?.context).toMatchObject({ channel: 'CEXPERTS' });
    kit.logs.splice(failed, 1); // expected here; any other error still fails the suite at close
  });
});
