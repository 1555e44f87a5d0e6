import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { giveRoles, seedIdea } from './seed.js';
import { button, SlackKit } from './slack-kit.js';

let kit: SlackKit;
const where = { channelId: 'CEXPERTS' };
const forumPost = (after: number) =>
  kit.fake.waitFor(() =>
    kit.fake
      .callsTo('chat.postMessage')
      .slice(after)
      .find((c) => c.body.channel === 'CEXPERTS' && !c.body.thread_ts),
  );
/** What the running bot's scheduler does on its next tick. */
// The round's jobs that ran (the hourly file purge runs beside them).
const tick = async () =>
  (await runDueJobs(kit.bot.pilot.deps, kit.bot.pilot.voting, 'replica-test')).filter((j) => j.kind !== 'purge_files');

beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_EXPERTS_FORUM: 'slack:CEXPERTS' });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, 'slack:UEX1', ['expert']);
  await seedIdea(kit, 'slack:USUB', 'Evening calls');
  await seedIdea(kit, 'slack:USUB', 'Shared rota');
});
afterAll(async () => kit.close());

describe('closing a vote is recorded in the idea’s history', () => {
  it('a PM’s close shows in `show` as closed by them', async () => {
    await kit.answer(await kit.command('UPM', 'vote open IP-1 support 24'));
    const closed = await kit.answer(await kit.command('UPM', 'vote close IP-1'));
    expect(closed.text).toContain('R-1');
    const shown = (await kit.answer(await kit.command('UEX1', 'show IP-1'))).text;
    expect(shown).toContain('vote opened (R-1) by <@UPM>');
    expect(shown).toContain('vote closed (R-1) by <@UPM>');
    const again = await kit.answer(await kit.command('UPM', 'vote close IP-1'));
    expect(again.text).toContain('already closed');
    const twice = (await kit.answer(await kit.command('UEX1', 'show IP-1'))).text;
    expect(twice.match(/vote closed \(R-1\)/g)).toHaveLength(1);
  });

  it('at its deadline the vote takes no more votes, and the close job records it as closed at its deadline', async () => {
    const posts = kit.fake.callsTo('chat.postMessage').length;
    await kit.answer(await kit.command('UPM', 'vote open IP-2 support 2'));
    const post = await forumPost(posts);
    kit.clock.advanceHours(1);
    expect(await tick()).toHaveLength(1); // the reminder, half-way
    kit.clock.advanceHours(1);
    // The deadline has come but the close job has not run yet: the round's machine already refuses the vote.
    const late = await kit.answer(await kit.click('UEX1', button(post.body, 'Support'), where));
    expect(late.text).toContain('has closed, so your vote could not be counted');
    const ran = await tick();
    expect(ran.map((j) => j.kind)).toEqual(['close_round']);
    const shown = (await kit.answer(await kit.command('UEX1', 'show IP-2'))).text;
    expect(shown).toContain('vote closed (R-2) at its deadline');
    expect(shown).not.toContain('system:scheduler');
    const status = (await kit.answer(await kit.command('UEX1', 'vote status IP-2'))).text;
    expect(status).toContain('closed');
  });
});
