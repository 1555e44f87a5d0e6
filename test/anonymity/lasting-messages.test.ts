import { afterAll, beforeAll, expect, it } from 'vitest';
import { giveRoles, seedIdea } from '../slack/seed.js';
import { button, flatText, SlackKit } from '../slack/slack-kit.js';

// A vote cast where Slack has no ephemeral place to answer (the Home tab) is answered by direct message,
// which stays in Slack's history: an anonymous vote must not be written into it.

let kit: SlackKit;
beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_EXPERTS_FORUM: 'slack:CEXPERTS' });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, 'slack:UEX', ['expert']);
  await seedIdea(kit, 'slack:USUB', 'Carers’ evening club');
});
afterAll(async () => kit.close());

it('a vote from the Home tab is confirmed by direct message without the choice, and "My vote" likewise', async () => {
  await kit.answer(await kit.command('UPM', 'vote open IP-1 support'));
  const post = await kit.fake.waitFor(() =>
    kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CEXPERTS'),
  );
  const dms = () => kit.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'UEX');
  await kit.click('UEX', button(post.body, 'Oppose'), { viewType: 'home' });
  const thanks = flatText((await kit.fake.waitFor(() => dms()[0])).body);
  expect(thanks).toContain('Thank you, your vote has been recorded');
  expect(thanks).not.toContain('oppose');
  await kit.click('UEX', button(post.body, 'My vote'), { viewType: 'home' });
  const mine = flatText((await kit.fake.waitFor(() => dms()[1])).body);
  expect(mine).toContain('we only show it on the voting message');
  expect(mine).not.toContain('oppose');
  // Where Slack can answer ephemerally (in the forum channel), the voter does see their choice.
  const seen = await kit.answer(await kit.click('UEX', button(post.body, 'My vote'), { channelId: 'CEXPERTS' }));
  expect(seen.kind).toBe('ephemeral');
  expect(seen.text).toContain('oppose');
});
