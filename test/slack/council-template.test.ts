import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATE_DIR } from '../../src/templates/template-set.js';
import { readZip } from '../templates/read-zip.js';
import { giveRoles, seedIdea } from './seed.js';
import { SlackKit } from './slack-kit.js';

/**
 * Issue 16: one council-editable template drives both the Markdown and the Word paper. A council that
 * renames a heading and adds a paragraph in its `business-case.md.hbs` (PILOT_TEMPLATE_DIR) sees both
 * changes in both files, drafted through a signed `/pilot case` request.
 */
const kits: SlackKit[] = [];
afterAll(async () => {
  for (const kit of kits) await kit.close();
});

/** A bot using this template folder, with one idea at stage 5 (a case can be drafted from there). */
async function botWith(templateDir: string): Promise<SlackKit> {
  const kit = await SlackKit.start({ PILOT_TEMPLATE_DIR: templateDir });
  kits.push(kit);
  await giveRoles(kit, 'slack:UPM', ['pm']);
  const { id } = await seedIdea(kit, 'slack:USUB', 'Reabling homecare');
  const idea = (await kit.bot.store.getIdea(id))!;
  await kit.bot.store.saveIdea({ ...idea, status: 'funding', lastStage: 'funding' }, idea.version, []);
  return kit;
}

/** `/pilot case IP-1` as the PM: the Markdown and the text of the Word document's XML. */
async function drafted(kit: SlackKit): Promise<{ markdown: string; xml: string; text: string }> {
  const before = kit.fake.uploads.length;
  await kit.answer(await kit.command('UPM', 'case IP-1'));
  await kit.fake.waitFor(() => kit.fake.uploads.length >= before + 2);
  const files = kit.fake.uploads.slice(before).map((u) => u.raw as Buffer);
  const docx = files.find((f) => f.subarray(0, 2).toString() === 'PK')!;
  const markdown = files.find((f) => f !== docx)!.toString('utf8');
  const xml = readZip(new Uint8Array(docx)).get('word/document.xml')!.toString('utf8');
  return { markdown, xml, text: xml.replace(/<[^>]+>/g, '') };
}

describe('a council’s own template', () => {
  it('an added paragraph and a renamed heading change both the Markdown and the .docx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'council-'));
    const builtIn = readFileSync(join(BUILT_IN_TEMPLATE_DIR, 'business-case.md.hbs'), 'utf8');
    expect(builtIn).toContain('## Report summary\n');
    writeFileSync(
      join(dir, 'business-case.md.hbs'),
      builtIn.replace(
        '## Report summary\n',
        '## Summary for members\n\nThis paper follows Bath and North East Somerset Council’s report format.\n',
      ),
    );
    const { markdown, xml, text } = await drafted(await botWith(dir));
    expect(markdown).toContain('## Summary for members');
    expect(markdown).toContain('This paper follows Bath and North East Somerset Council’s report format.');
    expect(markdown).not.toContain('## Report summary');
    // In Word: the renamed heading in Word's Heading 1 style, the paragraph as body text.
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>.*?Summary for members/s);
    expect(text).toContain('This paper follows Bath and North East Somerset Council’s report format.');
    expect(text).not.toContain('Report summary');
  });

  it('a council folder holding the template of the previous release keeps working, for both outputs', async () => {
    const old = new URL('../fixtures/council-template-0.1', import.meta.url).pathname;
    const { markdown, text } = await drafted(await botWith(old));
    expect(markdown).toContain('## 1. Executive summary');
    expect(markdown).toContain('## 11. Equality impact');
    expect(text).toContain('11. Equality impact');
    expect(markdown).not.toContain('slack:');
  });
});
