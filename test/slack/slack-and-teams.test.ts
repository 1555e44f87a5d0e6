import { afterAll, beforeAll, expect, it } from 'vitest';
import { mountSlack } from '../../src/bot/slack/mount-slack.js';
import { createMountTeams } from '../../src/bot/teams/mount-teams.js';
import { FakeConnector } from '../support/fake-connector.js';
import { channel, makeInvoke, makeMessage, makeUser } from '../teams/make-activity.js';
import { buttonData, cardOf, cardText, FAST_RETRY } from '../teams/teams-harness.js';
import { giveRoles, submission } from './seed.js';
import { flatText, SlackKit } from './slack-kit.js';

const admin = makeUser('ada', 'Ada Admin');
const erin = makeUser('erin', 'Erin Shaw');
const experts = channel('experts');
let kit: SlackKit;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await new FakeConnector().start();
  kit = await SlackKit.start(
    {
      PILOT_ADMINS: `slack:UADMIN,${admin.personId}`,
      PILOT_EXPERTS_FORUM: 'slack:CFORUM',
      PLAYGROUND: '0',
      PILOT_TEAMS_AUTH: 'off',
    },
    { adapters: [mountSlack, createMountTeams({ retry: FAST_RETRY })] },
  );
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, erin.personId, ['expert']);
});
afterAll(async () => {
  await kit.close();
  await connector.close();
});

/** Posts an activity to the Teams endpoint of the same bot. */
async function teams(activity: Record<string, unknown>) {
  const res = await fetch(`${kit.bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

it('an idea submitted in Slack is voted on in Teams, and the Slack forum message shows the Teams vote', async () => {
  await teams(makeMessage(connector.url, admin, experts, 'forum experts'));
  const view = await kit.modal(await kit.command('USUB', 'submit'));
  expect((await kit.submit('USUB', view, submission('Night-time reablement'))).body).toBe('');
  await kit.answer(await kit.command('UPM', 'vote open IP-1'));

  const slackPost = await kit.fake.waitFor(() =>
    kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CFORUM'),
  );
  expect(flatText(slackPost.body)).toContain('IP-1 “Night-time reablement”');
  const teamsPost = await connector.waitFor(
    (c) => c.conversationId === experts.id && cardText(cardOf(c.body)).includes('Night-time reablement'),
  );

  const answer = await teams(makeInvoke(connector.url, erin, experts, buttonData(cardOf(teamsPost.body), 'Support')));
  expect(JSON.stringify(answer)).toContain('your vote has been recorded');
  const update = await kit.fake.waitFor(() =>
    kit.fake
      .callsTo('chat.update')
      .find((c) => c.body.channel === 'CFORUM' && flatText(c.body).includes('1 person has voted so far')),
  );
  const round = await kit.bot.pilot.voting.loadRound('R-1');
  expect(update.body.ts).toBe(round.posts.find((p) => p.platform === 'slack')?.messageId);
  expect(round.posts.map((p) => p.platform).sort()).toEqual(['slack', 'teams']);
  expect((await kit.bot.pilot.voting.result(round)).participants).toEqual([erin.personId]);
});
