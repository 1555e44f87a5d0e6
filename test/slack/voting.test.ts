import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackNotifier } from '../../src/bot/slack/slack-notifier.js';
import { giveRoles, seedIdea } from './seed.js';
import { button, flatText, SlackKit } from './slack-kit.js';

let kit: SlackKit;
const experts = Array.from({ length: 10 }, (_, i) => `UEX${i + 1}`);
const providers = Array.from({ length: 10 }, (_, i) => `UPR${i + 1}`);

beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_EXPERTS_FORUM: 'slack:CEXPERTS', PILOT_PROVIDERS_FORUM: 'slack:CPROVIDERS' });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  for (const id of experts) await giveRoles(kit, `slack:${id}`, ['expert']);
  for (const id of providers) await giveRoles(kit, `slack:${id}`, ['provider']);
  await seedIdea(kit, 'slack:USUB', 'The Buurtzorg Model');
  await seedIdea(kit, 'slack:USUB', 'Trusted Reviewer');
});
afterAll(async () => kit.close());

const notifier = () => kit.bot.adapters.find((a) => a.name === 'slack')?.notifier as SlackNotifier;
const forumPost = (channel: string) =>
  kit.fake.waitFor(() =>
    kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === channel && !c.body.thread_ts),
  );

describe('forum voting in Slack channels', () => {
  it('opening a round posts the voting message in both forums and remembers where', async () => {
    const opened = await kit.answer(await kit.command('UPM', 'vote open IP-1 support 24'));
    expect(opened.text).toContain('A support vote (R-1) is open on IP-1');
    for (const channel of ['CEXPERTS', 'CPROVIDERS']) {
      const post = await forumPost(channel);
      expect(flatText(post.body)).toContain('Your view is wanted: IP-1 “The Buurtzorg Model”');
      expect(flatText(post.body)).toContain('Anonymous');
      expect(flatText(post.body)).toContain('Closes');
    }
    const round = await kit.bot.pilot.voting.loadRound('R-1');
    expect(round.posts.map((p) => p.channel).sort()).toEqual(['slack:CEXPERTS', 'slack:CPROVIDERS']);
  });

  it('twenty people vote at once, one changes their mind, and the tallies are updated a few times, not forty', async () => {
    const post = await forumPost('CEXPERTS');
    const support = button(post.body, 'Support');
    const where = { channelId: 'CEXPERTS', messageTs: String(post.body.ts ?? '1.0') };
    const updatesBefore = kit.fake.callsTo('chat.update').length;
    const sent = await Promise.all([...experts, ...providers].map((id) => kit.click(id, support, where)));
    expect(sent.every((s) => s.status === 200)).toBe(true);
    const answers = await Promise.all(sent.map((s) => kit.answer(s)));
    for (const a of answers.slice(0, experts.length)) {
      expect(a.kind).toBe('ephemeral');
      expect(a.text).toContain('Your vote: support');
    }
    // A provider's first click asks the conflict question; their vote counts once they answer it.
    const asked = answers.slice(experts.length);
    expect(asked.map((a) => a.kind)).toEqual(providers.map(() => 'modal'));
    const answered = await Promise.all(
      providers.map((id, i) =>
        kit.submit(id, asked[i]?.call.body.view as Record<string, unknown>, { hasConflict: 'no' }, where),
      ),
    );
    expect(answered.map((a) => a.body)).toEqual(providers.map(() => ''));
    for (const id of providers)
      await kit.fake.waitFor(() =>
        kit.fake
          .callsTo('chat.postEphemeral')
          .find((c) => c.body.user === id && flatText(c.body).includes('Your vote: support')),
      );
    const changed = await kit.answer(await kit.click('UEX1', button(post.body, 'Oppose'), where));
    expect(changed.text).toContain('Your vote has been changed. Your vote: oppose');

    // An open anonymous round shows only how many have voted: a live tally would reveal each new vote.
    const final = await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.update')
        .find((c) => c.body.channel === 'CEXPERTS' && flatText(c.body).includes('20 people have voted so far')),
    );
    expect(final.body).toMatchObject({ ts: expect.any(String) });
    await notifier().idle();
    const updates = kit.fake.callsTo('chat.update').length - updatesBefore;
    expect(updates).toBeGreaterThanOrEqual(2);
    expect(updates).toBeLessThan(2 * 21);
    const last = kit.fake
      .callsTo('chat.update')
      .filter((c) => c.body.channel === 'CPROVIDERS')
      .at(-1);
    expect(flatText(last?.body)).toContain('20 people have voted so far');
    expect(flatText(last?.body)).not.toMatch(/\d support/);
  });

  it('someone without a voting role is thanked and refused, privately', async () => {
    const post = await forumPost('CEXPERTS');
    const answer = await kit.answer(
      await kit.click('UNOBODY', button(post.body, 'Neutral'), { channelId: 'CEXPERTS' }),
    );
    expect(answer.kind).toBe('ephemeral');
    expect(answer.text).toContain('Thank you for wanting to take part. This vote is for');
  });

  it('“My vote” tells the voter their own vote only', async () => {
    const post = await forumPost('CEXPERTS');
    const answer = await kit.answer(await kit.click('UPR3', button(post.body, 'My vote'), { channelId: 'CEXPERTS' }));
    expect(answer.text).toContain('Your vote: support');
  });

  it('closing the round updates both messages without buttons and posts the result in the thread', async () => {
    const updatesBefore = kit.fake.callsTo('chat.update').length;
    const closed = await kit.answer(await kit.command('UPM', 'vote close IP-1'));
    expect(closed.text).toContain('The vote R-1 on IP-1 is closed');
    const updates = kit.fake.callsTo('chat.update').slice(updatesBefore);
    for (const channel of ['CEXPERTS', 'CPROVIDERS']) {
      const update = updates.filter((c) => c.body.channel === channel).at(-1);
      expect(flatText(update?.body)).toContain('Vote closed: IP-1');
      expect(JSON.stringify(update?.body.blocks)).not.toContain('vote.cast');
      const thread = kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === channel && c.body.thread_ts);
      expect(flatText(thread?.body)).toContain(
        'Experts by experience: 10 people voted (3 needed ✓): 9 support · 0 neutral · 1 oppose: 90% support',
      );
    }
  });

  it('a vote after the close is refused kindly', async () => {
    const post = await forumPost('CEXPERTS');
    const answer = await kit.answer(await kit.click('UEX2', button(post.body, 'Neutral'), { channelId: 'CEXPERTS' }));
    expect(answer.text).toContain('has closed, so your vote could not be counted');
  });

  it('reminders go by direct message to eligible people who have not voted', async () => {
    await kit.answer(await kit.command('UPM', 'vote open IP-2'));
    const post = await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postMessage')
        .find((c) => c.body.channel === 'CEXPERTS' && flatText(c.body).includes('IP-2')),
    );
    await kit.answer(await kit.click('UEX1', button(post.body, 'Support'), { channelId: 'CEXPERTS' }));
    const reminded = await kit.bot.pilot.voting.remind('R-2');
    expect(reminded).not.toContain('slack:UEX1');
    expect(reminded).toContain('slack:UEX2');
    const dm = await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postMessage')
        .find((c) => c.body.channel === 'UEX2' && flatText(c.body).includes('A reminder')),
    );
    expect(flatText(dm.body)).toContain('IP-2 “Trusted Reviewer”');
    expect(
      kit.fake
        .callsTo('chat.postMessage')
        .some((c) => c.body.channel === 'UEX1' && flatText(c.body).includes('A reminder')),
    ).toBe(false);
  });
});
