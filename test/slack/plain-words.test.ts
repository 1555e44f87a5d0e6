import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { readingEase } from '../support/reading-ease.js';
import { giveRoles, seedIdea } from './seed.js';
import type { SlackCall } from '../support/fake-slack.js';
import { button, flatText, SlackKit } from './slack-kit.js';

/**
 * SPEC 3.1 "Plain words": every message an expert by experience receives in a vote's life (the forum
 * post, the score form, thanks, their own vote, the reminder, the result, a refusal, "you said, we did")
 * reads at Flesch reading ease 60 or more, with no unexplained "quorum", "constituency" or round id.
 */
let kit: SlackKit;
const received: { what: string; text: string }[] = [];
const where = { channelId: 'CFORUM' };

/**
 * What a person reads, as sentences: each line of a message stands alone (a heading, a label, a button),
 * and only a full stop, a question or an exclamation ends a sentence inside a line (a list after a colon
 * or between semicolons is one long sentence to read).
 */
function sentences(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/[:;](?=\s)/g, ','))
    .filter(Boolean)
    .map((line) => (/[.!?]$/.test(line) ? line : `${line}.`))
    .join(' ');
}

const keep = (what: string, body: unknown) => received.push({ what, text: flatText(body) });
const forumPosts = (since: number) =>
  kit.fake.calls.slice(since).filter((c: SlackCall) => c.outcome === 'ok' && c.body.channel === 'CFORUM');
const dmsTo = (user: string, since: number) =>
  kit.fake.calls
    .slice(since)
    .filter((c: SlackCall) => c.outcome === 'ok' && c.method === 'chat.postMessage' && c.body.channel === user);

beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_EXPERTS_FORUM: 'slack:CFORUM', PILOT_QUORUM_EXPERTS: '2' });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  for (const id of ['UEX1', 'UEX2', 'UEX3']) await giveRoles(kit, `slack:${id}`, ['expert']);
  const { id } = await seedIdea(kit, 'slack:USUB', 'Help at home after a fall');

  // A support vote: the forum post, a vote and its thanks, “My vote”, the reminder, the result.
  let since = kit.fake.calls.length;
  await kit.answer(await kit.command('UPM', `vote open ${id} support 4`));
  const post = await kit.fake.waitFor(() => forumPosts(since).find((c) => !c.body.thread_ts));
  keep('forum post (support)', post.body);
  keep('thanks', (await kit.answer(await kit.click('UEX1', button(post.body, 'Support'), where))).call.body);
  keep('my vote', (await kit.answer(await kit.click('UEX1', button(post.body, 'My vote'), where))).call.body);
  since = kit.fake.calls.length;
  kit.clock.advanceHours(2);
  await runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'replica-test');
  keep('reminder', (await kit.fake.waitFor(() => dmsTo('UEX2', since)[0])).body);
  for (const who of ['UEX2', 'UEX3'])
    await kit.answer(await kit.click(who, button(post.body, who === 'UEX2' ? 'Support' : 'Oppose'), where));
  since = kit.fake.calls.length;
  kit.clock.advanceHours(2);
  await runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'replica-test');
  keep('result', (await kit.fake.waitFor(() => forumPosts(since).find((c) => c.body.thread_ts))).body);
  keep('closed forum post', (await kit.fake.waitFor(() => kit.fake.callsTo('chat.update').at(-1))).body);
  keep('too late', (await kit.answer(await kit.click('UEX1', button(post.body, 'Oppose'), where))).call.body);

  // A decision after the vote reaches each voter.
  since = kit.fake.calls.length;
  await kit.answer(await kit.command('UPM', `hold ${id} We are waiting for the new budget`));
  keep('you said, we did', (await kit.fake.waitFor(() => dmsTo('UEX1', since)[0])).body);

  // A score vote: the forum post, the form with its everyday labels, the thanks with the scores.
  const { id: scored } = await seedIdea(kit, 'slack:USUB', 'A friendly phone call each week');
  since = kit.fake.calls.length;
  await kit.answer(await kit.command('UPM', `vote open ${scored} score`));
  const scorePost = await kit.fake.waitFor(() => forumPosts(since).find((c) => !c.body.thread_ts));
  keep('forum post (score)', scorePost.body);
  const form = await kit.modal(await kit.click('UEX1', button(scorePost.body, 'Score this idea'), where));
  keep('score form', form);
  const fields = (form.blocks as { type: string; block_id: string }[])
    .filter((b) => b.type === 'input' && b.block_id.startsWith('score_'))
    .map((b) => b.block_id);
  const sent = await kit.submit('UEX1', form, Object.fromEntries(fields.map((f) => [f, '4'])));
  keep(
    'thanks (score)',
    (await kit.fake.waitFor(() => kit.fake.calls.slice(sent.since).find((c) => c.body.user === 'UEX1'))).body,
  );
});
afterAll(async () => kit.close());

describe('plain words in what experts by experience receive', () => {
  it('collects every kind of message', () => {
    expect(received.map((r) => r.what)).toEqual([
      'forum post (support)',
      'thanks',
      'my vote',
      'reminder',
      'result',
      'closed forum post',
      'too late',
      'you said, we did',
      'forum post (score)',
      'score form',
      'thanks (score)',
    ]);
  });

  it('each reads at Flesch reading ease 60 or more', () => {
    const scores = received.map((r) => ({ what: r.what, ease: Math.round(readingEase(sentences(r.text))) }));
    console.log(`Reading ease: ${scores.map((s) => `${s.what} ${s.ease}`).join('; ')}`);
    for (const { what, ease } of scores) expect(ease, `${what}: ${JSON.stringify(scores)}`).toBeGreaterThanOrEqual(60);
  });

  it('none says “quorum” or “constituency”, or names a vote by its round id', () => {
    for (const { what, text } of received) {
      expect(text, what).not.toMatch(/quorum|constituenc/i);
      expect(text, what).not.toMatch(/\bR-\d+\b/);
    }
  });

  it('the score form and the thanks use the short everyday labels, with the formal one beside it on the form', () => {
    const form = received.find((r) => r.what === 'score form')?.text ?? '';
    expect(form).toContain('Helps people stay independent');
    expect(form).toContain('Maximises independence and reduces demand on formal care');
    const thanks = received.find((r) => r.what === 'thanks (score)')?.text ?? '';
    expect(thanks).toContain('Helps people stay independent: 4');
    expect(thanks).not.toContain('Maximises independence');
  });
});
