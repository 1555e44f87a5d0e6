import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveRoles, seedIdea, submission } from './seed.js';
import { button, flatText, SlackKit } from './slack-kit.js';

let kit: SlackKit;
beforeAll(async () => {
  kit = await SlackKit.start();
  await giveRoles(kit, 'slack:UPM', ['pm']);
});
afterAll(async () => kit.close());

const ALL_CRITERIA = ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'];

describe('forms as Slack modals', () => {
  it('the submission form shows field errors inline, then closes and thanks the submitter privately', async () => {
    const view = await kit.modal(await kit.command('USUB', 'submit Reabling Homecare'));
    const invalid = await kit.submit('USUB', view, {
      title: 'Reabling Homecare',
      summary: '',
      problem: 'x',
      approach: 'y',
      beneficiaries: 'z',
      source: 'staff',
    });
    expect(invalid.status).toBe(200);
    const json = JSON.parse(invalid.body) as { response_action: string; errors: Record<string, string> };
    expect(json.response_action).toBe('errors');
    expect(Object.keys(json.errors).sort()).toEqual(['outcomes', 'summary']);
    expect(json.errors.outcomes).toContain('at least one outcome');
    expect(await kit.bot.pilot.deps.store.countIdeas()).toBe(0);

    const valid = await kit.submit('USUB', view, {
      ...submission('Reabling Homecare'),
      outcomes: ['person_home_longer', 'person_independence'],
    });
    expect(valid).toMatchObject({ status: 200, body: '' });
    const thanks = await kit.fake.waitFor(() => kit.fake.callsTo('chat.postEphemeral').slice(-1)[0]);
    expect(thanks.body).toMatchObject({ channel: 'C1', user: 'USUB' });
    expect(flatText(thanks.body)).toContain('Your idea is IP-1 “Reabling Homecare”');
  });

  it('a similar idea is pointed out, with buttons to comment on it or withdraw', async () => {
    const view = await kit.modal(await kit.command('U2', 'submit Reabling homecare at night', { channelId: 'DU2' }));
    await kit.submit('U2', view, {
      ...submission('Reabling homecare at night'),
      summary: 'Reabling Homecare: a small pilot to help people stay at home at night.',
    });
    const dm = await kit.fake.waitFor(() => kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'U2'));
    expect(flatText(dm.body)).toContain('These existing ideas look similar');
    expect(flatText(dm.body)).toContain('IP-1 “Reabling Homecare”');
    const withdraw = await kit.click('U2', button(dm.body, 'Withdraw IP-2'), { channelId: 'DU2' });
    expect((await kit.answer(withdraw)).text).toContain('IP-2 “Reabling homecare at night” has been withdrawn');
  });

  it('a stage form opens from the idea’s button, is saved, and lets the idea advance', async () => {
    const shown = await kit.answer(await kit.command('UPM', 'show IP-1'));
    const click = await kit.click('UPM', button(shown.call.body, 'Check criteria'));
    const view = await kit.modal(click);
    expect(view.title).toMatchObject({ text: 'Basic criteria: IP-1' });
    const saved = await kit.submit('UPM', view, { met: ALL_CRITERIA });
    expect(saved.body).toBe('');
    const answer = await kit.fake.waitFor(() =>
      kit.fake.callsTo('chat.postEphemeral').find((c) => flatText(c.body).includes('Saved for IP-1')),
    );
    expect(flatText(answer.body)).toContain('a PM can advance it');
    const advance = await kit.click('UPM', button(answer.body, 'See the idea'));
    expect((await kit.answer(advance)).text).toContain('everything this stage needs is in place');
  });

  it('a number the form can’t read is shown as an inline error', async () => {
    const idea = await seedIdea(kit, 'slack:USUB', 'Workforce Development');
    const view = await kit.modal(
      await kit.click('UPM', { action_id: 'form.open#3', value: JSON.stringify({ form: 'outline', ideaId: idea.id }) }),
    );
    const values = { objectives: 'o', cohort: 'c', cohortSize: 'lots', durationMonths: '6', approach: 'a' };
    const res = await kit.submit('UPM', view, values);
    expect(JSON.parse(res.body)).toMatchObject({
      response_action: 'errors',
      errors: { cohortSize: expect.any(String) },
    });
  });

  it('someone without the role is told so instead of getting the form', async () => {
    const click = await kit.click('U1', {
      action_id: 'form.open#0',
      value: JSON.stringify({ form: 'criteria', ideaId: 'IP-1' }),
    });
    const answer = await kit.answer(click);
    expect(answer.kind).toBe('ephemeral');
    expect(answer.text).toContain('Only a project manager can fill in that form');
  });

  it('a form whose metadata is lost asks to be opened again, inline', async () => {
    const view = await kit.modal(await kit.command('U1', 'submit'));
    const res = await kit.submit('U1', { ...view, private_metadata: 'not json' }, { title: 'x' });
    expect(JSON.parse(res.body)).toMatchObject({
      response_action: 'errors',
      errors: { title: expect.stringContaining('open it again') },
    });
  });

  it('a form whose idea context is missing asks, inline, to be opened again', async () => {
    const view = await kit.modal(
      await kit.click('UPM', { action_id: 'form.open#0', value: JSON.stringify({ form: 'comment', ideaId: 'IP-1' }) }),
    );
    const meta = JSON.parse(String(view.private_metadata)) as { f: string; c: Record<string, string> };
    const res = await kit.submit(
      'UPM',
      { ...view, private_metadata: JSON.stringify({ ...meta, c: {} }) },
      { text: 'hello' },
    );
    expect(JSON.parse(res.body)).toMatchObject({
      response_action: 'errors',
      errors: { text: expect.stringContaining('lost track of its idea') },
    });
  });

  it('a refusal that typing can’t fix closes the form and is answered privately', async () => {
    await giveRoles(kit, 'slack:UEX', ['expert']);
    const view = await kit.modal(
      await kit.click('UPM', { action_id: 'form.open#0', value: JSON.stringify({ form: 'comment', ideaId: 'IP-1' }) }),
    );
    await giveRoles(kit, 'slack:UPM', []);
    const res = await kit.submit(
      'UEX',
      { ...view, private_metadata: JSON.stringify({ f: 'criteria', c: { ideaId: 'IP-1' }, ch: 'C1' }) },
      {},
    );
    expect(res).toMatchObject({ status: 200, body: '' });
    const answer = await kit.fake.waitFor(() =>
      kit.fake.callsTo('chat.postEphemeral').find((c) => c.body.user === 'UEX'),
    );
    expect(flatText(answer.body)).toContain('Only a project manager can fill in that form');
  });

  it('a long form title is shortened for Slack and shown in full inside', async () => {
    const view = await kit.modal(
      await kit.click('UPM', {
        action_id: 'form.open#0',
        value: JSON.stringify({ form: 'shortlist', ideaId: 'IP-1' }),
      }),
    );
    expect(String((view.title as { text: string }).text).length).toBeLessThanOrEqual(24);
    expect(flatText(view)).toContain('Shortlisting decision: IP-1');
  });
});
