import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeView } from '../../src/bot/slack/home-tab.js';
import { makeIdea } from '../support/factories.js';
import { giveRoles, meetCriteria, seedIdea } from './seed.js';
import { button, buttonsIn, flatText, SlackKit } from './slack-kit.js';

let kit: SlackKit;
beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_EXPERTS_FORUM: 'slack:CFORUM' });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, 'slack:UEXP', ['expert']);
  await seedIdea(kit, 'slack:UEXP', 'Flexible Homecare');
  await seedIdea(kit, 'slack:USUB', 'Rural Based Support');
});
afterAll(async () => kit.close());

/** Opens the Home tab as a user and returns the published view. */
async function openHome(userId: string) {
  const before = kit.fake.callsTo('views.publish').length;
  await kit.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home', event_ts: '1.0' });
  const call = await kit.fake.waitFor(() => kit.fake.callsTo('views.publish')[before]);
  expect(call.body.user_id).toBe(userId);
  return call.body.view as Record<string, unknown>;
}

describe('the App Home tab', () => {
  it('shows the person’s own ideas and the counts per stage', async () => {
    const text = flatText(await openHome('UEXP'));
    expect(text).toContain('Your ideas');
    expect(text).toContain('IP-1 · Flexible Homecare');
    expect(text).not.toContain('Rural Based Support');
    expect(text).toContain('*1. Longlist*\n2');
    expect(text).toContain('Nothing waiting for your vote');
  });

  it('lists open votes the person may cast and has not, with a button that opens the vote form', async () => {
    await kit.answer(await kit.command('UPM', 'vote open IP-2'));
    const view = await openHome('UEXP');
    expect(flatText(view)).toContain('IP-2 “Rural Based Support”: vote closes');
    const click = await kit.click('UEXP', button(view, 'Vote'), { viewType: 'home' });
    const modal = await kit.modal(click);
    const res = await kit.submit('UEXP', modal, { choice: 'support', reason: 'Villages need it' });
    expect(res.body).toBe('');
    const dm = await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postMessage')
        .find((c) => c.body.channel === 'UEXP' && flatText(c.body).includes('your vote has been recorded')),
    );
    // A direct message stays in Slack's history: an anonymous vote is not repeated in it (SPEC 3.1).
    expect(flatText(dm.body)).toContain('we do not repeat it here');
    expect(flatText(dm.body)).not.toContain('Villages need it');
    expect(flatText(await openHome('UEXP'))).toContain('Nothing waiting for your vote');
  });

  it('a click on the Home tab is answered by direct message and refreshes the tab', async () => {
    const before = kit.fake.callsTo('views.publish').length;
    await kit.click('UEXP', { action_id: 'idea.show#1', value: 'IP-1' }, { viewType: 'home' });
    const dm = await kit.fake.waitFor(() =>
      kit.fake
        .callsTo('chat.postMessage')
        .find((c) => c.body.channel === 'UEXP' && flatText(c.body).includes('IP-1: Flexible Homecare')),
    );
    expect(dm).toBeTruthy();
    await kit.fake.waitFor(() => kit.fake.callsTo('views.publish').length > before);
  });

  it('shows a PM the ideas ready to advance, and the PM is told by DM when a gate is newly met', async () => {
    await meetCriteria(kit, 'IP-1', 'slack:UADMIN');
    const dm = await kit.fake.waitFor(() => kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'UPM'));
    expect(flatText(dm.body)).toContain('Waiting on you: IP-1 is ready to move on from 1. Longlist');
    expect(buttonsIn(dm.body).map((b) => b.text)).toEqual(['See the idea', 'Advance']);
    const home = flatText(await openHome('UPM'));
    expect(home).toMatch(/Ready for you to advance[\s\S]*IP-1 · Flexible Homecare/);
  });

  it('shows specialists the sign-offs waiting on them (rendered from the Home data)', () => {
    const idea = makeIdea({
      id: 'IP-7',
      number: 7,
      title: 'Assistive Technology',
      status: 'specialist_engagement',
      artefacts: { evidence: [], interests: [], requiredSpecialists: ['finance'], signOffs: [] },
    });
    const view = homeView({
      now: new Date(),
      roles: ['finance'],
      ideas: [idea],
      mine: [],
      toVote: [],
      toSignOff: [{ idea, area: 'finance' }],
      figuresDue: [],
      readyToAdvance: [],
      roundsToClose: [],
      overdue: [],
      stageDays: {},
    });
    expect(flatText(view)).toContain('IP-7 “Assistive Technology” needs your finance sign-off.');
    expect(JSON.stringify(view.blocks)).toContain('\\"form\\":\\"signoff\\"');
    expect((view.blocks ?? []).length).toBeLessThanOrEqual(100);
  });

  it('other tabs are ignored', async () => {
    const before = kit.fake.callsTo('views.publish').length;
    await kit.event({ type: 'app_home_opened', user: 'UEXP', channel: 'DUEXP', tab: 'messages', event_ts: '1.0' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(kit.fake.callsTo('views.publish')).toHaveLength(before);
  });
});
