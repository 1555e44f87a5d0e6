import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../src/domain/reference-data.js';
import { readZip } from '../templates/read-zip.js';
import { giveRoles, seedIdea } from './seed.js';
import { SlackKit } from './slack-kit.js';

/**
 * SPEC 4's meeting pack through signed Slack requests: `pack <date>` puts every idea at stage 8 whose
 * final proposal names that committee date into one Word document, after a contents page.
 */
let kit: SlackKit;

/** Puts an idea at a stage with a final proposal for a committee date (the walk there is not the subject). */
async function atFinal(id: string, committeeDate: string | null, stage: Stage = 'final_proposal'): Promise<void> {
  const idea = (await kit.bot.store.getIdea(id))!;
  const finalProposal = {
    evaluation: 'Care hours at 6 weeks',
    benefits: 'Fewer hours',
    successCriteria: '60% need fewer hours',
    ...(committeeDate ? { committeeDate } : {}),
    updatedBy: 'slack:UPM',
    updatedAt: kit.clock.now().toISOString(),
  };
  await kit.bot.store.saveIdea(
    { ...idea, status: stage, lastStage: stage, artefacts: { ...idea.artefacts, finalProposal } },
    idea.version,
    [],
  );
}

beforeAll(async () => {
  kit = await SlackKit.start();
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await seedIdea(kit, 'slack:USUB', 'Reabling homecare');
  await seedIdea(kit, 'slack:USUB', 'Night visits in villages');
  await seedIdea(kit, 'slack:USUB', 'Shared care notes');
  await seedIdea(kit, 'slack:USUB', 'Carers’ breaks');
  await atFinal('IP-1', '2027-03-11');
  await atFinal('IP-2', '2027-03-11');
  await atFinal('IP-3', '2027-04-08');
  await atFinal('IP-4', '2027-03-11', 'funding'); // not at stage 8: not in the pack
});
afterAll(async () => kit.close());

const run = async (user: string, text: string) => (await kit.answer(await kit.command(user, text))).text;

describe('pack <YYYY-MM-DD>', () => {
  it('builds one Word document with a contents page and each paper for that meeting', async () => {
    const before = kit.fake.uploads.length;
    const answer = await run('UPM', 'pack 2027-03-11');
    expect(answer).toContain(
      'The meeting pack for the Joint Commissioning Committee on 11 March 2027: 2 business cases',
    );
    await kit.fake.waitFor(() => kit.fake.uploads.length >= before + 1);
    const upload = kit.fake.uploads.at(-1)!;
    expect(kit.fake.calls.some((c) => c.body.filename === 'jcc-meeting-pack-2027-03-11.docx')).toBe(true);
    const zip = readZip(new Uint8Array(upload.raw as Buffer));
    const xml = zip.get('word/document.xml')!.toString('utf8');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Joint Commissioning Committee: meeting pack');
    expect(text).toContain('Contents');
    expect(text.indexOf('IP-1: Reabling homecare')).toBeLessThan(text.indexOf('Business case: Reabling homecare'));
    expect(text).toContain('Business case: Night visits in villages');
    expect(text).not.toContain('Shared care notes');
    expect(text).not.toContain('Carers’ breaks');
    // Each paper starts on a new page; each paper's own numbering starts again at 1.
    expect(xml.match(/<w:br w:type="page"\/>/g)?.length).toBeGreaterThanOrEqual(2);
    expect(text.match(/1\. Executive summary/g)).toHaveLength(2);
    expect(zip.get('docProps/core.xml')!.toString('utf8')).toContain(
      '<dc:title>Joint Commissioning Committee meeting pack, 11 March 2027</dc:title>',
    );
    // Building a pack records nothing on the ideas.
    expect((await kit.bot.store.getIdea('IP-1'))?.artefacts.caseDraftedAt).toBeUndefined();
  });

  it('says so clearly when no idea is marked for that day, and explains a day that is not on the calendar', async () => {
    expect(await run('UPM', 'pack 2027-03-12')).toContain(
      'No idea at stage 8 has 2027-03-12 as its committee date, so there is no pack to build.',
    );
    expect(await run('UPM', 'pack 2027-02-30')).toContain('That day is not on the calendar');
    expect(await run('UPM', 'pack next week')).toContain('as year-month-day, for example 2027-03-15. Usage: `pack');
    expect(await run('UPM', 'pack')).toContain('The committee date is needed. Usage: `pack');
  });

  it('is for project managers', async () => {
    expect(await run('USUB', 'pack 2027-03-11')).toContain('is for project managers');
  });
});
