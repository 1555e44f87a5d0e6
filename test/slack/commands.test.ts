import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetCriteria, seedIdea } from './seed.js';
import { SlackKit } from './slack-kit.js';

let kit: SlackKit;
beforeAll(async () => {
  kit = await SlackKit.start();
  // UPM becomes a PM through the real endpoint (a mention, as Slack sends it with escaping on).
  const sent = await kit.command('UADMIN', 'role <@UPM|pat> pm');
  expect((await kit.answer(sent)).text).toContain('Project manager');
  await seedIdea(kit, 'slack:USUB', 'Rural Based Support'); // IP-1
  await seedIdea(kit, 'slack:USUB', 'Flexible Homecare'); // IP-2
  await seedIdea(kit, 'slack:USUB', 'Assistive Technology'); // IP-3
});
afterAll(async () => kit.close());

/** Runs a command and waits for its answer. */
async function run(userId: string, text: string, channelId = 'C1') {
  return kit.answer(await kit.command(userId, text, { channelId }));
}

describe('/pilot subcommands through POST /slack/events', () => {
  it('acknowledges at once with an empty 200, then answers through the response URL', async () => {
    const started = Date.now();
    const sent = await kit.command('U1', 'help');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sent).toMatchObject({ status: 200, body: '' });
    const answer = await kit.answer(sent);
    expect(answer.kind).toBe('ephemeral');
    expect(answer.call.body).toMatchObject({ response_type: 'ephemeral', unfurl_links: false, unfurl_media: false });
  });

  it('help is tailored to the caller’s roles', async () => {
    expect((await run('U1', 'help')).text).not.toContain('advance');
    const pm = await run('UPM', 'help');
    expect(pm.text).toContain('advance &lt;ID&gt;');
    expect(pm.text).toContain('You are: pm');
  });

  it('submit opens the submission form with the title pre-filled', async () => {
    const view = await kit.modal(await kit.command('U1', 'submit Night-time support'));
    expect(view).toMatchObject({ type: 'modal', title: { text: 'Submit an idea' } });
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Night-time support"');
  });

  it('list shows counts per stage and the ideas, privately', async () => {
    const answer = await run('U1', 'list');
    expect(answer.kind).toBe('ephemeral');
    expect(answer.text).toContain('1. Longlist: 3');
    expect(answer.text).toContain('IP-2 · Flexible Homecare');
    expect((await run('U1', 'list nonsense')).text).toContain('is not a stage');
  });

  it('show gives one idea with what its gate still needs, and a mention of its submitter', async () => {
    const answer = await run('U1', 'show ip-1');
    expect(answer.text).toContain('IP-1: Rural Based Support');
    expect(answer.text).toContain('still needs');
    expect(answer.text).toContain('<@USUB>');
    expect((await run('U1', 'show IP-99')).text).toContain('There is no idea IP-99');
  });

  it('advance says what is missing, then moves the idea for all to see and tells the submitter', async () => {
    const refused = await run('UPM', 'advance IP-1');
    expect(refused.kind).toBe('ephemeral');
    expect(refused.text).toContain("can't leave 1. Longlist yet");
    await meetCriteria(kit, 'IP-1');
    const moved = await run('UPM', 'advance IP-1 criteria checked');
    expect(moved.kind).toBe('public');
    expect(moved.call.body).toMatchObject({ channel: 'C1', unfurl_links: 'false', unfurl_media: 'false' });
    expect(moved.text).toContain('moved on to 2. Review of similar work');
    const dm = await kit.fake.waitFor(() =>
      kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'USUB'),
    );
    expect(String(dm.body.text)).toContain('has moved on to 2. Review of similar work');
    expect((await run('U1', 'advance IP-1')).text).toContain('for project managers');
  });

  it('return, hold, resume and reject are posted where the team can see them', async () => {
    expect((await run('UPM', 'return IP-1')).text).toContain('Please give a reason');
    expect((await run('UPM', 'return IP-1 needs another look')).text).toContain('returned to 1. Longlist');
    expect((await run('UPM', 'hold IP-1 waiting for the budget')).text).toContain('put on hold at 1. Longlist');
    const resumed = await run('UPM', 'resume IP-1');
    expect(resumed).toMatchObject({ kind: 'public' });
    expect(resumed.text).toContain('resumed at 1. Longlist');
    expect((await run('UPM', 'reject IP-2 out of scope')).text).toContain('rejected at 1. Longlist');
  });

  it('withdraw: only the submitter or a PM may', async () => {
    expect((await run('U1', 'withdraw IP-3')).text).toContain('Only the person who submitted IP-3');
    expect((await run('USUB', 'withdraw IP-3 found a better idea')).text).toContain('withdrawn');
  });

  it('comment adds to the discussion and thanks the person privately', async () => {
    const answer = await run('U1', 'comment IP-1 Fish &amp; chips on Fridays');
    expect(answer).toMatchObject({ kind: 'ephemeral' });
    expect(answer.text).toContain('your comment on IP-1 has been added');
    const idea = await kit.bot.pilot.deps.store.getIdea('IP-1');
    expect(idea?.comments.at(-1)?.text).toBe('Fish & chips on Fridays');
    expect((await run('U1', 'comment IP-1')).text).toContain('Please write your comment');
  });

  it('forum makes this channel a forum, but not from a direct message', async () => {
    expect((await run('U1', 'forum experts', 'CFORUM')).text).toContain('for admins');
    expect((await run('UADMIN', 'forum experts', 'DADMIN')).text).toContain('not in a direct message');
    const set = await run('UADMIN', 'forum experts', 'CFORUM');
    expect(set).toMatchObject({ kind: 'public' });
    expect(await kit.bot.pilot.deps.store.getSetting('forum:experts:slack')).toBe('slack:CFORUM');
  });

  it('vote open, status and close', async () => {
    expect((await run('U1', 'vote open IP-1')).text).toContain('Only a project manager');
    const opened = await run('UPM', 'vote open IP-1 support 24');
    expect(opened).toMatchObject({ kind: 'public' });
    expect(opened.text).toContain('is open on IP-1');
    await kit.fake.waitFor(() => kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CFORUM'));
    expect((await run('U1', 'vote status IP-1')).text).toContain('Your view is wanted');
    const closed = await run('UPM', 'vote close IP-1');
    expect(closed.text).toContain('Vote closed');
    expect((await run('UPM', 'vote sideways IP-1')).text).toContain('Usage');
  });

  it('case, report and export answer privately, with their files in a direct message', async () => {
    expect((await run('UPM', 'case IP-1')).text).toContain('from stage 5 (Funding) onwards');
    const report = await run('U1', 'report');
    expect(report).toMatchObject({ kind: 'ephemeral' });
    expect(report.text).toContain('The pipeline funnel');
    expect((await run('U1', 'export')).text).toContain('for project managers');
    const before = kit.fake.callsTo('files.completeUploadExternal').length;
    expect((await run('UPM', 'export')).text).toContain('Individual votes are never included');
    const upload = await kit.fake.waitFor(() => kit.fake.callsTo('files.completeUploadExternal')[before]);
    expect(upload.body).toMatchObject({ channel_id: 'DPM', files: [{ title: 'Pipeline export' }] });
  });

  it('decision is refused politely before stage 8', async () => {
    expect((await run('UPM', 'decision IP-1 approved')).text).toContain('IP-1');
    expect((await run('UPM', 'decision IP-1 maybe')).text).toContain('Which decision?');
  });

  it('role and roles: admins give and remove roles; others are refused', async () => {
    expect((await run('U1', 'role <@U2> expert')).text).toContain('for admins');
    expect((await run('UADMIN', 'role <@U2|sam> expert,provider')).text).toContain('Expert by experience, Provider');
    expect((await run('UADMIN', 'role remove slack:U2 provider')).text).toContain('now holds: Expert by experience');
    expect((await run('UADMIN', 'role <@U2> wizard')).text).toContain('is not a role');
    const roles = await run('UADMIN', 'roles');
    // Only ids the core marks with mention() become Slack mentions; the roles list does not mark its ids (yet).
    expect(roles.text).toMatch(/Project manager: upm \((<@UPM>|slack:UPM)\)/);
  });

  it('an unknown command gets a kind correction', async () => {
    const answer = await run('U1', 'lsit');
    expect(answer.kind).toBe('ephemeral');
    expect(answer.text).toContain('Did you mean `list`?');
  });
});
