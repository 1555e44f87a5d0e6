import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../support/fake-slack.js';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { giveRoles, seedIdea } from './seed.js';
import { button, buttonsIn, flatText, SlackKit } from './slack-kit.js';

/**
 * SPEC 3.1 "Taking part without a chat account", through signed Slack requests: a facilitator registers
 * people who have no chat account, records their votes with how consent was given, and hears the
 * decision for them; the audit names the facilitator, and no public output does.
 */
let kit: SlackKit;
const FAC = 'UFAC';
const FAC2 = 'UFAC2';
const EXPERT = 'UEX1';
const EXPERTS_FORUM = { channelId: 'CEXPERTS' };

beforeAll(async () => {
  kit = await SlackKit.start({
    PILOT_EXPERTS_FORUM: 'slack:CEXPERTS',
    PILOT_PROVIDERS_FORUM: 'slack:CPROVIDERS',
    PILOT_QUORUM_EXPERTS: '0',
    PILOT_QUORUM_PROVIDERS: '0',
    PILOT_MIN_GROUP_SIZE: '2',
  });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, `slack:${EXPERT}`, ['expert']);
  await seedIdea(kit, 'slack:USUB', 'Night visits in villages');
  await seedIdea(kit, 'slack:USUB', 'Shared care notes');
});
afterAll(async () => kit.close());

/** Runs `/pilot <text>` as a user and waits for the answer. */
async function run(userId: string, text: string) {
  return kit.answer(await kit.command(userId, text));
}

/** The voting message posted in the experts' forum for an idea (the newest). */
const forumPost = (ideaId: string) =>
  kit.fake.waitFor(() =>
    kit.fake.calls
      .filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === 'CEXPERTS' &&
          !c.body.thread_ts &&
          flatText(c.body).includes(`${ideaId} “`),
      )
      .at(-1),
  );

/** Everything the bot said where others can see it: forum and channel posts, updates, thread replies. */
function publicText(): string {
  return kit.fake.calls
    .filter(
      (c: SlackCall) => ['chat.postMessage', 'chat.update'].includes(c.method) && /^C/.test(String(c.body.channel)),
    )
    .map((c) => JSON.stringify(c.body))
    .join('\n');
}

/** Every file in the bot's data folder, as text (what someone who copied the folder would read). */
async function dataFiles(): Promise<string> {
  const dir = kit.bot.settings.dataDir;
  const names = await readdir(dir);
  const texts = await Promise.all(
    names.filter((n) => !n.endsWith('.lock')).map((n) => readFile(join(dir, n), 'utf8').catch(() => '')),
  );
  return texts.join('\n');
}

describe('the facilitator role and registering people without a chat account', () => {
  it('an admin makes someone a facilitator; they register people, and may give only expert or provider', async () => {
    expect((await run('UADMIN', `role slack:${FAC} facilitator`)).text).toContain('Facilitator');
    await run('UADMIN', `role slack:${FAC2} facilitator`);

    const added = await run(FAC, 'people add Mary Smyth expert');
    expect(added.text).toContain('Mary Smyth is registered as *P-1* (Expert by experience)');
    expect((await run(FAC, 'people add Sam Okafor expert')).text).toContain('*P-2*');
    expect((await run(FAC, 'people add Ravi provider')).text).toContain('*P-3* (Provider)');

    const admin = await run(FAC, 'people add Ann Other admin');
    expect(admin.text).toContain('A facilitator can register people as expert by experience or provider only');
    const pm = await run(FAC, 'people add Ann Other pm,expert');
    expect(pm.text).toContain('not project manager');
    expect(await kit.bot.store.getPerson('person:P-4')).toBeNull();

    // An admin may give any role.
    expect((await run('UADMIN', 'people add Chris Lee finance')).text).toContain('*P-4* (Finance specialist)');

    const list = await run(FAC, 'people');
    expect(list.text).toContain('P-1* Mary Smyth: Expert by experience');
    expect(list.text).toContain('P-3* Ravi: Provider');
  });

  it('is refused to anyone who is not a facilitator or admin, and a name must be plain', async () => {
    for (const user of [EXPERT, 'UPM', 'USTRANGER']) {
      const refused = await run(user, 'people add Someone expert');
      expect(refused.text).toContain('is for facilitators or admins');
    }
    expect((await run(FAC, 'people add <@U999> expert')).text).toMatch(/plain letters|not a person/);
    expect((await run(FAC, 'people add expert')).text).toContain('Please give the person’s name, then their role');
    expect((await run(FAC, 'people add Mary nurse')).text).toContain('Please give the person’s name, then their role');
  });

  it('the audit says who registered whom, never the name', async () => {
    const audit = await kit.bot.store.listAudit();
    const registered = audit.filter((e) => e.type === 'person.registered');
    expect(registered.map((e) => [e.actorId, e.detail?.personId])).toEqual([
      [`slack:${FAC}`, 'person:P-1'],
      [`slack:${FAC}`, 'person:P-2'],
      [`slack:${FAC}`, 'person:P-3'],
      ['slack:UADMIN', 'person:P-4'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('Smyth');
  });

  it('a person registered without a chat account can be given a role by id (P-1)', async () => {
    expect((await run('UADMIN', 'role P-4 procurement')).text).toContain(
      'P-4 now holds: Procurement specialist, Finance specialist',
    );
    expect((await run('UADMIN', 'role P-99 expert')).text).toContain('No one is registered as P-99');
  });
});

describe('recording a vote for someone', () => {
  let view: Record<string, unknown>;

  it('the voting message offers “Record a vote for someone”; anyone but a facilitator is refused it', async () => {
    await run('UPM', 'vote open IP-1 support 24');
    const post = await forumPost('IP-1');
    expect(buttonsIn(post.body).map((b) => b.text)).toContain('Record a vote for someone');
    for (const user of [EXPERT, 'UPM', 'UADMIN']) {
      const sent = await kit.click(user, button(post.body, 'Record a vote for someone'), EXPERTS_FORUM);
      const answer = await kit.answer(sent);
      expect(answer.kind).toBe('ephemeral');
      expect(answer.text).toContain('Only a facilitator can record a vote for someone else');
    }
  });

  it('a facilitator gets a form listing the people who may take part, with the consent question', async () => {
    const post = await forumPost('IP-1');
    view = await kit.modal(await kit.click(FAC, button(post.body, 'Record a vote for someone'), EXPERTS_FORUM));
    const text = flatText(view);
    expect(text).toContain('Record someone’s vote');
    expect(text).toContain('P-1 Mary Smyth');
    expect(text).toContain('P-2 Sam Okafor');
    // P-4 is a specialist: this vote is for experts by experience and providers only.
    expect(text).not.toContain('Chris Lee');
    for (const way of ['In person', 'By phone', 'On paper', 'Through a carer']) expect(text).toContain(way);
    expect(text).toContain('If they are a provider: do they have a conflict of interest in this idea?');
  });

  it('without the consent, the form says so and nothing is recorded', async () => {
    const sent = await kit.submit(FAC, view, { person: 'person:P-1', choice: 'support' }, EXPERTS_FORUM);
    expect(JSON.parse(sent.body)).toMatchObject({ response_action: 'errors' });
    expect(sent.body).toContain('how they gave their consent');
    expect(await kit.bot.store.listVotes('R-1')).toEqual([]);
    expect(await kit.bot.store.listParticipation('R-1')).toEqual([]);
  });

  it('records the vote in the person’s group, and the audit names the facilitator and the consent', async () => {
    const sent = await kit.submit(
      FAC,
      view,
      { person: 'person:P-1', consent: 'in_person', choice: 'support', reason: 'It would let me sleep at night' },
      EXPERTS_FORUM,
    );
    expect(sent.body).toBe('');
    const thanks = await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postEphemeral')
        .find((c) => c.body.user === FAC && flatText(c.body).includes('has been recorded')),
    );
    expect(flatText(thanks.body)).toContain('The vote for P-1 (Mary Smyth) has been recorded');
    expect(flatText(thanks.body)).toContain('It counts with the experts by experience');
    expect(await kit.bot.store.listParticipation('R-1')).toEqual([
      { roundId: 'R-1', personId: 'person:P-1', constituency: 'experts', recordedBy: `slack:${FAC}` },
    ]);
    const votes = await kit.bot.store.listVotes('R-1');
    expect(votes).toHaveLength(1);
    // Anonymous round: the ballot is keyed by a salted hash, never the person's id.
    expect(votes[0]!.voterKey).not.toContain('P-1');
    const recorded = (await kit.bot.store.listAudit()).filter((e) => e.type === 'vote.recorded');
    expect(recorded).toEqual([
      expect.objectContaining({
        actorId: `slack:${FAC}`,
        ideaId: 'IP-1',
        detail: { roundId: 'R-1', personId: 'person:P-1', consent: 'in_person' },
      }),
    ]);
    expect(JSON.stringify(recorded)).not.toMatch(/support|sleep/);
  });

  it('the facilitator can correct it until close; another facilitator cannot', async () => {
    const other = await kit.submit(FAC2, view, { person: 'person:P-1', consent: 'phone', choice: 'oppose' });
    expect(other.body).toBe('');
    await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postEphemeral')
        .find((c) => c.body.user === FAC2 && flatText(c.body).includes('recorded by another facilitator')),
    );
    const changed = await kit.submit(FAC, view, { person: 'person:P-1', consent: 'phone', choice: 'neutral' });
    expect(changed.body).toBe('');
    await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postEphemeral')
        .find(
          (c) =>
            c.body.user === FAC &&
            flatText(c.body).includes('The vote you recorded for P-1 (Mary Smyth) has been changed'),
        ),
    );
    expect(await kit.bot.store.listVotes('R-1')).toHaveLength(1);
    const recorded = (await kit.bot.store.listAudit()).filter((e) => e.type === 'vote.recorded');
    expect(recorded.map((e) => e.detail)).toEqual([
      { roundId: 'R-1', personId: 'person:P-1', consent: 'in_person' },
      { roundId: 'R-1', personId: 'person:P-1', consent: 'phone', corrected: true },
    ]);
  });

  it('a form sent by someone who is not a facilitator is refused and records nothing', async () => {
    const forged = await kit.submit(EXPERT, view, { person: 'person:P-2', consent: 'paper', choice: 'oppose' });
    expect(forged.body).toBe('');
    await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postEphemeral')
        .find((c) => c.body.user === EXPERT && flatText(c.body).includes('Only a facilitator can record a vote')),
    );
    expect((await kit.bot.store.listParticipation('R-1')).map((p) => p.personId)).toEqual(['person:P-1']);
  });

  it('the tally counts the recorded votes with everyone else’s, and no public output names the facilitator', async () => {
    await kit.submit(FAC, view, { person: 'person:P-2', consent: 'carer', choice: 'support' });
    await kit.fake.waitFor(() => kit.bot.store.listParticipation('R-1').then((p) => p.length === 2 || undefined));
    await kit.answer(await kit.click(EXPERT, button((await forumPost('IP-1')).body, 'Support'), EXPERTS_FORUM));
    await run('UPM', 'vote close IP-1');
    const round = (await kit.bot.store.getRound('R-1'))!;
    expect(round.result?.byConstituency.experts).toMatchObject({ voters: 3, support: 2, neutral: 1, oppose: 0 });
    // Sealed: no ballot left, and participation keeps who recorded it but no time.
    expect(await kit.bot.store.listVotes('R-1')).toEqual([]);
    expect((await kit.bot.store.listParticipation('R-1')).filter((p) => p.recordedBy)).toHaveLength(2);

    const status = await run(EXPERT, 'vote status IP-1');
    expect(status.text).toContain('2 support · 1 neutral · 0 oppose');
    // Everyone can see how much of the result came through facilitators (never whose votes they were).
    expect(status.text).toContain(
      '2 of these votes were recorded by a facilitator, for people who take part away from chat.',
    );
    const show = await run(EXPERT, 'show IP-1');
    const csv = await kit.answer(await kit.command('UPM', 'export'));
    const caseDraft = await run('UPM', 'case IP-1');
    const everything = [
      publicText(),
      status.text,
      show.text,
      csv.text,
      caseDraft.text,
      JSON.stringify(kit.fake.uploads),
    ];
    for (const text of everything) {
      expect(text).not.toContain(FAC);
      expect(text).not.toContain('Mary');
      expect(text).not.toContain('Sam Okafor');
      // Only ever “recorded by a facilitator”: never who.
      expect(text).not.toMatch(/recorded by (?!a facilitator)/i);
    }
  });
});

describe('after the vote', () => {
  it('the decision reaches the facilitator for the people whose votes they recorded', async () => {
    const since = kit.fake.calls.length;
    await run('UPM', 'hold IP-1 Waiting for the new budget');
    const dm = await kit.fake.waitFor(() =>
      kit.fake.calls
        .slice(since)
        .find(
          (c) =>
            c.method === 'chat.postMessage' && c.body.channel === FAC && flatText(c.body).includes('You said, we did'),
        ),
    );
    const text = flatText(dm.body);
    expect(text).toContain('You recorded the vote of 2 people on the idea IP-1');
    expect(text).toContain('Please let them know');
    expect(text).toContain('P-1 Mary Smyth');
    expect(text).toContain('P-2 Sam Okafor');
    expect(text).toContain('Waiting for the new budget');
    // The other facilitator recorded nothing that counted, so is not sent it.
    expect(kit.fake.calls.slice(since).some((c) => c.method === 'chat.postMessage' && c.body.channel === FAC2)).toBe(
      false,
    );
  });

  it('correcting a name leaves no trace of the old one; removing a person deletes the name and keeps the count', async () => {
    expect((await run(FAC, 'people rename P-1 Mary Smith')).text).toContain('*P-1* is now called Mary Smith');
    expect(await dataFiles()).not.toContain('Smyth');
    expect(await dataFiles()).toContain('Mary Smith');

    expect((await run(FAC, 'people remove P-1')).text).toContain('Their name is deleted');
    expect(await dataFiles()).not.toContain('Mary Smith');
    const person = await kit.bot.store.getPerson('person:P-1');
    expect(person).toMatchObject({ id: 'person:P-1', roles: [] });
    expect(person?.displayName).toBeUndefined();
    expect((await run(FAC, 'people')).text).not.toContain('P-1*');
    expect((await kit.bot.store.getRound('R-1'))!.result?.byConstituency.experts.voters).toBe(3);
    expect((await run(FAC, 'people rename P-1 Mary')).text).toContain('P-1 was removed');
    expect((await run('UADMIN', 'role P-1 expert')).text).toContain('P-1 was removed');
    // The number is not given to anyone else.
    expect((await run(FAC, 'people add Jo expert')).text).toContain('*P-5*');
  });

  it('before a vote closes, the facilitator is reminded of the people they registered who have no vote yet', async () => {
    await run('UPM', 'vote open IP-2 support 24');
    kit.clock.advanceHours(23);
    const since = kit.fake.calls.length;
    await runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'replica-test');
    const dm = await kit.fake.waitFor(() =>
      kit.fake.calls
        .slice(since)
        .find((c) => c.method === 'chat.postMessage' && c.body.channel === FAC && flatText(c.body).includes('IP-2')),
    );
    const text = flatText(dm.body);
    expect(text).toContain('You registered 3 people who have no vote recorded yet');
    expect(text).toContain('P-2 Sam Okafor');
    expect(text).toContain('P-5 Jo');
    // The removed person is not listed, and nobody is sent a message addressed to a person:… id.
    expect(text).not.toContain('P-1');
    expect(kit.fake.calls.slice(since).some((c) => String(c.body.channel).startsWith('person'))).toBe(false);
  });

  it('two facilitators recording one person’s vote at once: one wins, the other is told, and the record agrees', async () => {
    await run('UPM', 'resume IP-1');
    await run('UPM', 'vote open IP-1 support 24');
    const roundId = (await kit.bot.store.getIdea('IP-1'))!.latestRoundId!;
    const record = (facilitator: string, choice: string) =>
      kit.bot.pilot.core.handle(
        { personId: `slack:${facilitator}`, platform: 'slack' },
        {
          kind: 'form',
          formId: 'vote_record',
          values: { person: 'person:P-2', consent: 'phone', choice },
          context: { roundId },
        },
      );
    const [a, b] = await Promise.all([record(FAC, 'support'), record(FAC2, 'oppose')]);
    const texts = [a?.text ?? '', b?.text ?? ''];
    expect(texts.filter((t) => t.includes('has been recorded'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('recorded by another facilitator'))).toHaveLength(1);
    const [held] = (await kit.bot.store.listParticipation(roundId)).filter((p) => p.personId === 'person:P-2');
    const winner = texts[0]!.includes('has been recorded') ? FAC : FAC2;
    expect(held?.recordedBy).toBe(`slack:${winner}`);
    expect(await kit.bot.store.listVotes(roundId)).toHaveLength(1);
    // Only the winner can change it.
    const loser = winner === FAC ? FAC2 : FAC;
    expect((await record(loser, 'neutral'))?.text).toContain('recorded by another facilitator');
    expect((await record(winner, 'neutral'))?.text).toContain('has been changed');
  });

  it('a name that is blank-looking, a duplicate or looks like a number is refused, and uses no number', async () => {
    for (const name of ['\u200B', 'P-2', 'see www.example.org', '#general']) {
      const refused = await run(FAC, `people add ${name} expert`);
      expect(refused.text, name).toMatch(/plain letters|name, then their role|What is the person/);
    }
    expect((await run(FAC, 'people add sam okafor expert')).text).toContain(
      'P-2 is already registered as sam okafor. If this is someone else, add an initial or a surname',
    );
    expect((await run(FAC, 'people rename P-2')).text).toContain('What is their name now?');
    // Characters that reverse or hide text are taken out of a name.
    expect((await run(FAC, 'people add Ann \u202Eyrrah expert')).text).toContain('Ann yrrah is registered as *P-6*');
  });

  it('PMs see registered people by number only; names go only to someone who is still a facilitator', async () => {
    const pm = await run('UPM', 'roles');
    expect(pm.text).toContain('P-2');
    expect(pm.text).not.toContain('Sam Okafor');
    expect((await run('UADMIN', 'roles')).text).toContain('Sam Okafor (P-2)');

    await run('UADMIN', `role remove slack:${FAC2} facilitator`);
    await run('UADMIN', `role remove slack:${FAC} facilitator`);
    const since = kit.fake.calls.length;
    await run('UPM', 'vote close IP-1');
    await run('UPM', 'hold IP-1 Still waiting');
    kit.clock.advanceHours(1);
    await runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'replica-test');
    const toThem = kit.fake.calls
      .slice(since)
      .filter((c) => c.method === 'chat.postMessage' && [FAC, FAC2].includes(String(c.body.channel)));
    expect(toThem.map((c) => flatText(c.body)).join('\n')).not.toMatch(/Sam Okafor|Jo\b|Ravi/);
  });
});
