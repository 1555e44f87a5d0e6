import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtefactKind } from '../../src/artefacts/artefact-registry.js';
import { readZip } from '../templates/read-zip.js';
import { giveRoles, seedIdea, walkToShortlist } from './seed.js';
import { button, flatText, SlackKit } from './slack-kit.js';

/** SPEC 3.1 through signed Slack requests: each group counts the same, and the figures are honest everywhere. */
let kit: SlackKit;
const experts = ['UEX1', 'UEX2', 'UEX3'];
const providers = Array.from({ length: 9 }, (_, i) => `UPR${i + 1}`);
const where = { channelId: 'CFORUM' };

beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_EXPERTS_FORUM: 'slack:CFORUM', PILOT_PROVIDERS_FORUM: 'slack:CFORUM' });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  for (const id of experts) await giveRoles(kit, `slack:${id}`, ['expert']);
  for (const id of providers) await giveRoles(kit, `slack:${id}`, ['provider']);
});
afterAll(async () => kit.close());

const run = async (userId: string, text: string) => (await kit.answer(await kit.command(userId, text))).text;
const record = (id: string, kind: ArtefactKind, input: Record<string, unknown>) =>
  kit.bot.pilot.core.services.artefacts.record('slack:UPM', id, kind, input);

/** The newest voting message in the forum, once it is posted after `since` calls. */
async function forumPost(since: number) {
  return kit.fake.waitFor(() =>
    kit.fake
      .callsTo('chat.postMessage')
      .slice(since)
      .find((c) => c.body.channel === 'CFORUM' && !c.body.thread_ts),
  );
}

/** Scores every priority with `value` through the forum's score form, as a voter would. */
async function scoreAll(userId: string, post: { body: Record<string, unknown> }, value: string) {
  const form = await kit.modal(await kit.click(userId, button(post.body, 'Score this idea'), where));
  const fields = (form.blocks as { type: string; block_id: string }[])
    .filter((b) => b.type === 'input' && b.block_id.startsWith('score_'))
    .map((b) => b.block_id);
  const answer = providers.includes(userId) ? { hasConflict: 'no' } : {};
  const sent = await kit.submit(userId, form, { ...Object.fromEntries(fields.map((f) => [f, value])), ...answer });
  expect(sent.status).toBe(200);
  expect(sent.body).toBe('');
}

async function toShortlist(id: string) {
  await walkToShortlist(kit, id, async (to) => expect(await run('UPM', `advance ${id}`)).toContain(to));
}

describe('experts by experience cannot be outweighed', () => {
  it('three experts scoring 1 against nine providers scoring 5: shortlisting needs an override with a reason', async () => {
    const idea = await seedIdea(kit, 'slack:USUB', 'Weekend rota');
    await toShortlist(idea.id);
    const since = kit.fake.callsTo('chat.postMessage').length;
    await run('UPM', `vote open ${idea.id} score`);
    const post = await forumPost(since);
    // A project manager is not one of the people the vote is for (SPEC 3.1 default: experts and providers).
    // The form does not even open: filling it in could only end in a refusal.
    const opened = kit.fake.callsTo('views.open').length;
    const refused = await kit.answer(await kit.click('UPM', button(post.body, 'Score this idea'), where));
    expect(refused.text).toContain('This vote is for experts by experience and care providers');
    expect(kit.fake.callsTo('views.open')).toHaveLength(opened);
    for (const id of experts) await scoreAll(id, post, '1');
    for (const id of providers) await scoreAll(id, post, '5');
    await run('UPM', `vote close ${idea.id}`);

    const status = await run('UEX1', `vote status ${idea.id}`);
    expect(status).toContain('Experts by experience');
    expect(status).toContain('3 people voted (3 needed ✓): score 1.0 of 5');
    expect(status).toContain('9 people voted (2 needed ✓): score 5.0 of 5');
    // Pooled, the twelve ballots would give 4.0; each group counting the same gives 3.0.
    expect(status).toContain('Overall: 3.0 of 5');
    expect(status).not.toContain('Others');

    await record(idea.id, 'shortlist', { shortlisted: true, override: false });
    const blocked = await run('UPM', `advance ${idea.id}`);
    expect(blocked).toContain('an override with a reason: experts by experience scored it 1.0 of 5');
    expect((await kit.bot.store.getIdea(idea.id))?.status).toBe('shortlist');
    await record(idea.id, 'shortlist', {
      shortlisted: true,
      override: true,
      reason: 'Experts asked for changes first',
    });
    expect(await run('UPM', `advance ${idea.id}`)).toContain('5. Funding');
  });
});

describe('a support round’s share, the same in chat, the business case and the export', () => {
  it('shows the share supporting, “no votes” for a group nobody in voted, and nothing for a group that may not vote', async () => {
    const idea = await seedIdea(kit, 'slack:USUB', 'Night sitting service');
    const stored = (await kit.bot.store.getIdea(idea.id))!;
    await kit.bot.store.saveIdea({ ...stored, status: 'funding', lastStage: 'funding' }, stored.version, []);
    const since = kit.fake.callsTo('chat.postMessage').length;
    await run('UPM', `vote open ${idea.id} support`);
    const post = await forumPost(since);
    for (const [id, choice] of [
      ['UEX1', 'Support'],
      ['UEX2', 'Support'],
      ['UEX3', 'Oppose'],
    ] as const)
      await kit.answer(await kit.click(id, button(post.body, choice), where));
    await run('UPM', `vote close ${idea.id}`);

    const status = await run('UEX1', `vote status ${idea.id}`);
    expect(status).toContain('3 people voted (3 needed ✓): 2 support · 0 neutral · 1 oppose: 67% support');
    expect(status).toMatch(/Providers\*?\s*no votes \(2 needed\)/);
    expect(status).not.toMatch(/score 0|0\.0 of 5/);
    expect(status).toContain('Overall: 67% support');

    const uploads = kit.fake.uploads.length;
    await run('UPM', `case ${idea.id}`);
    await kit.fake.waitFor(() => (kit.fake.uploads.length >= uploads + 2 ? true : undefined));
    const docx = kit.fake.uploads
      .slice(uploads)
      .map((u) => u.raw as Buffer)
      .find((raw) => raw.subarray(0, 2).toString() === 'PK');
    const xml = readZip(new Uint8Array(docx!)).get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('67% support (each group counts the same)');
    expect(xml).toContain('Share supporting');
    expect(xml).toContain('no votes');
    expect(xml).not.toContain('no votes counted');

    const before = kit.fake.uploads.length;
    await kit.command('UPM', 'export');
    await kit.fake.waitFor(() => (kit.fake.uploads.length > before ? true : undefined));
    const csv = (kit.fake.uploads.at(-1)?.raw as Buffer).toString('utf8');
    const [header, ...rows] = csv.split('\r\n').map((line) => line.split(','));
    const row = rows.find((r) => r[0] === idea.id);
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('Latest vote: share supporting (%)')).toBe('66.7');
    expect(cell('Experts by experience: share supporting (%)')).toBe('66.7');
    expect(cell('Providers: voters')).toBe('no votes');
    expect(cell('Others: voters')).toBe('not eligible');
    expect(flatText({ text: csv })).not.toContain('slack:UEX');
    // People are named or left blank, never identified by a platform id; dates are UK dates.
    expect(csv).not.toMatch(/\b(slack|teams|person):/);
    expect(cell('Created')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });
});

describe('an admin who wants to vote', () => {
  it('gives themself the expert role with `role me expert`', async () => {
    expect(await run('UADMIN', 'role me expert')).toContain('<@UADMIN> now holds: Admin, Expert by experience');
    expect(await kit.bot.pilot.people.rolesOf('slack:UADMIN')).toContain('expert');
    expect(await run('UADMIN', 'role remove me expert')).toContain('<@UADMIN> now holds: Admin.');
  });
});
