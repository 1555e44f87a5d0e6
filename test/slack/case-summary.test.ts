import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/workflows/case-service.js';
import { loadTemplates } from '../../src/templates/template-set.js';
import { giveRoles, seedIdea } from './seed.js';
import { flatText, SlackKit } from './slack-kit.js';

/** A council's own chat summary: what `case` posts beside the files comes from this file and nowhere else. */
const SUMMARY = [
  '**Paper for {{md meta.ideaId}}: {{md meta.title}}**',
  '',
  '- Council line one',
  '{{#each gaps}}',
  '- {{gap this}}',
  '{{/each}}',
  '',
].join('\n');

let kit: SlackKit;
let dir: string;

/** Puts an idea at stage 5 (Funding), as a walk through the stages would have left it. */
async function atFunding(id: string): Promise<void> {
  const idea = (await kit.bot.store.getIdea(id))!;
  await kit.bot.store.saveIdea({ ...idea, status: 'funding', lastStage: 'funding' }, idea.version, []);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pilot-council-templates-'));
  await writeFile(join(dir, 'case-summary.md.hbs'), SUMMARY);
  kit = await SlackKit.start({ PILOT_TEMPLATE_DIR: dir });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await seedIdea(kit, 'slack:USUB', 'Night *owl* visits & <b>more</b>');
  await seedIdea(kit, 'slack:USUB', 'Broken render');
  await atFunding('IP-1');
  await atFunding('IP-2');
});
afterAll(async () => {
  await kit.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the business case reply', () => {
  it('posts the council’s own summary template, as Slack formatting, with the files', async () => {
    const answer = await kit.answer(await kit.command('UPM', 'case IP-1'));
    const shown = flatText(answer.call.body);
    expect(shown).toContain('*Paper for IP-1: Night *owl* visits &amp; &lt;b&gt;more&lt;/b&gt;*');
    expect(shown).not.toContain('&amp;lt;');
    expect(shown).toContain('• Council line one');
    expect(shown).toContain('• *[GAP: ');
    expect(shown).not.toMatch(/\*\*|\\/);
    const asked = await kit.fake.waitFor(() => {
      const calls = kit.fake.callsTo('files.getUploadURLExternal');
      return calls.length >= 2 ? calls : undefined;
    });
    expect(asked.map((c) => c.body.filename).sort()).toEqual(['IP-1-business-case.docx', 'IP-1-business-case.md']);
    expect((await kit.bot.store.getIdea('IP-1'))?.artefacts.caseDraftedAt).toBe(kit.clock.now().toISOString());
  });

  it('records nothing when the draft cannot be rendered', async () => {
    const templates = loadTemplates(dir);
    const failing = new CaseService(kit.bot.pilot.deps, {
      docx: async () => {
        throw new Error('disk full');
      },
      markdown: templates.businessCase,
      summary: templates.caseSummary,
      pack: async () => new Uint8Array(),
    });
    await expect(failing.draft('IP-2', 'slack:UPM')).rejects.toThrow('disk full');
    const idea = await kit.bot.store.getIdea('IP-2');
    expect(idea?.artefacts.caseDraftedAt).toBeUndefined();
    expect(idea?.history.map((e) => e.type)).not.toContain('case.drafted');
  });
});
