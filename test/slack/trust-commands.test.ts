import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtefactKind } from '../../src/artefacts/artefact-registry.js';
import { giveRoles, seedIdea, walkToShortlist } from './seed.js';
import { button, flatText, SlackKit } from './slack-kit.js';

/** Sign-offs happen at stage 7 only; the roles list is for admins and PMs. Driven through signed Slack requests. */
let kit: SlackKit;
beforeAll(async () => {
  kit = await SlackKit.start({
    PILOT_EXPERTS_FORUM: 'slack:CFORUM',
    PILOT_QUORUM_EXPERTS: '0',
    PILOT_QUORUM_PROVIDERS: '0',
  });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, 'slack:UEXP', ['expert']);
  await giveRoles(kit, 'slack:UPROV', ['provider', 'expert']);
  await giveRoles(kit, 'slack:UFIN', ['finance']);
});
afterAll(async () => kit.close());

/** Runs `/pilot <text>` and waits for its answer. */
async function run(userId: string, text: string, k = kit) {
  return k.answer(await k.command(userId, text));
}

/** Submits a modal and returns the text of whatever the bot answered with (inline errors or a private message). */
async function submitForm(userId: string, view: Record<string, unknown>, values: Record<string, string>) {
  const res = await kit.submit(userId, view, values);
  if (res.body !== '') return res.body;
  const answer = await kit.fake.waitFor(() =>
    kit.fake.calls.slice(res.since).find((c) => c.outcome === 'ok' && c.body.user === userId),
  );
  return flatText(answer.body);
}

/** Records a stage artefact straight through the engine, as the PM (for steps that are not the subject). */
function record(id: string, kind: ArtefactKind, input: Record<string, unknown>) {
  return kit.bot.pilot.core.services.artefacts.record('slack:UPM', id, kind, input);
}

/** Walks an idea from stage 1 to stage 7, with the PM's list of required sign-offs: finance. */
async function walkToSpecialistEngagement(id: string) {
  const advance = async (to: string) => expect((await run('UPM', `advance ${id}`)).text).toContain(`moved on to ${to}`);
  await walkToShortlist(kit, id, advance);
  expect((await run('UPM', `vote open ${id} score`)).text).toContain('R-');
  await run('UPM', `vote close ${id}`);
  await record(id, 'shortlist', { shortlisted: true, override: true, reason: 'Worth a small test' });
  await advance('5. Funding');
  await record(id, 'funding', { source: 'bcf', amount: 12500, budgetHolder: 'Director of Adult Care' });
  await advance('6. Provider scoping');
  await record(id, 'interest', { providerName: 'Care Co', summary: 'Two teams', hasConflict: false });
  await advance('7. Specialist engagement');
  await record(id, 'specialists', { areas: ['finance'] });
}

describe('sign-offs count only at stage 7', () => {
  it('refuses a sign-off before stage 7, saying where sign-offs happen, and records nothing', async () => {
    const idea = await seedIdea(kit, 'slack:USUB', 'Rural Based Support');
    expect(idea.status).toBe('longlist');
    // A sign-off form opened for an idea at stage 1 (an old message, a crafted click): its submission is refused.
    const open = { action_id: 'form.open', value: JSON.stringify({ form: 'signoff', ideaId: idea.id }) };
    const view = await kit.modal(await kit.click('UFIN', open));
    const said = await submitForm('UFIN', view, { area: 'finance', note: 'Within budget.' });
    expect(said).toContain(`${idea.id} is at 1. Longlist. Specialists sign off at 7. Specialist engagement`);
    expect((await kit.bot.store.getIdea(idea.id))?.artefacts.signOffs).toEqual([]);
  });

  it('does not count a sign-off the previous release stored at stage 1; a new one given at stage 7 does', async () => {
    const idea = await seedIdea(kit, 'slack:USUB', 'Flexible Homecare');
    // What the previous release wrote when finance signed off at stage 1: the record, and its audit event.
    const at = kit.clock.now().toISOString();
    const early = structuredClone(idea);
    early.artefacts.signOffs = [{ area: 'finance', note: 'Early', signedBy: 'slack:UFIN', signedAt: at }];
    await kit.bot.store.saveIdea(early, idea.version, [
      { type: 'artefact.signoff', at, actorId: 'slack:UFIN', ideaId: idea.id, detail: { kind: 'signoff' } },
    ]);
    kit.clock.advanceHours(1);
    await walkToSpecialistEngagement(idea.id);

    const refused = await run('UPM', `advance ${idea.id}`);
    expect(refused.text).toContain("can't leave 7. Specialist engagement yet");
    expect(refused.text).toContain(
      'a new sign-off from finance, given at this stage (the one on record was given at 1. Longlist)',
    );
    expect((await kit.bot.store.getIdea(idea.id))?.artefacts.signOffs).toHaveLength(1); // still loads and shows

    const shown = await run('UFIN', `show ${idea.id}`);
    const view = await kit.modal(await kit.click('UFIN', button(shown.call.body, 'Sign off')));
    expect(await submitForm('UFIN', view, { area: 'finance', note: 'Within budget.' })).toContain(
      `Saved for ${idea.id}`,
    );
    expect((await run('UPM', `advance ${idea.id}`)).text).toContain('moved on to 8. Final proposal');
  });

  it('still counts a sign-off the previous release stored at stage 7 (its data folder, as written)', async () => {
    const fixture = fileURLToPath(new URL('../fixtures/release-0.1/data', import.meta.url));
    const dir = await mkdtemp(join(tmpdir(), 'pilot-release-0.1-'));
    await cp(fixture, dir, { recursive: true });
    const old = await SlackKit.start({ DATA_DIR: dir });
    try {
      // IP-8 went through stage 7 with finance's sign-off; returned there, it may move on again without a new one.
      const idea = await old.bot.store.getIdea('IP-8');
      expect(idea?.status).toBe('final_proposal');
      expect(idea?.artefacts.signOffs).toMatchObject([{ area: 'finance' }]);
      expect((await run('UPM', 'return IP-8 the finance figures need a second look', old)).text).toContain(
        'returned to 7. Specialist engagement',
      );
      expect((await run('UPM', 'advance IP-8', old)).text).toContain('moved on to 8. Final proposal');
    } finally {
      await old.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('roles: the full list is for admins and PMs', () => {
  it('shows who holds which role to an admin and to a PM', async () => {
    for (const who of ['UADMIN', 'UPM']) {
      const answer = await run(who, 'roles');
      expect(answer.kind).toBe('ephemeral');
      expect(answer.text).toContain('Who holds which role');
      expect(answer.text).toMatch(/Expert by experience: .*UEXP/);
      expect(answer.text).toMatch(/Finance specialist: .*UFIN/);
    }
  });

  it('shows anyone else only their own roles, kindly, and never who the experts by experience are', async () => {
    const expert = await run('UEXP', 'roles');
    expect(expert.kind).toBe('ephemeral');
    expect(expert.text).toContain('Your role here: Expert by experience. Thank you for taking part.');
    const both = await run('UPROV', 'roles');
    expect(both.text).toContain('Your roles here: Expert by experience and Provider.');
    const nobody = await run('UNEW', 'roles');
    expect(nobody.text).toContain('You don’t have a role here yet, and that’s fine');
    for (const answer of [expert, both, nobody]) {
      expect(answer.text).not.toContain('Who holds which role');
      expect(answer.text).toContain('only admins, project managers and facilitators see who holds each role');
      for (const other of ['UEXP', 'UPROV', 'UFIN', 'UPM', 'UADMIN']) expect(answer.text).not.toContain(other);
    }
  });
});
