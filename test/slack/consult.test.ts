import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDay } from '../../src/domain/engagement.js';
import { readZip } from '../templates/read-zip.js';
import { giveRoles, seedIdea } from './seed.js';
import { flatText, SlackKit } from './slack-kit.js';

// `consult <ID>` (SPEC 3.1, 5): a facilitator logs a workshop held away from chat; it shows in `show`, the
// business case, the report and the export. Dates are checked against the engine's clock, never today's.

let kit: SlackKit;
const TITLE = 'Night | *owl* visits <script>alert(1)</script>';
const LONG = 'x'.repeat(2000);
const SAID = `Keep the same carers | *evening* visits <script>alert(1)</script> ${LONG}`;
const WORKSHOP = {
  kind: 'workshop',
  date: '2026-11-20',
  numberOfPeople: '14',
  groups: ['experts_by_experience', 'carers'],
  whatTheySaid: SAID,
};

/** The day after the engine's today, in the council's time zone. */
const tomorrow = () => londonDay(new Date(kit.clock.now().getTime() + 86_400_000));
const idea = async (id = 'IP-1') => (await kit.bot.store.getIdea(id))!;
const run = async (user: string, text: string) => (await kit.answer(await kit.command(user, text))).text;
/** The private message the bot last sent this person in the channel. */
const lastEphemeral = (user: string, after: number) =>
  kit.fake.waitFor(() =>
    kit.fake.calls.slice(after).find((c) => c.method === 'chat.postEphemeral' && c.body.user === user),
  );

beforeAll(async () => {
  kit = await SlackKit.start();
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, 'slack:UFAC', ['facilitator']);
  await giveRoles(kit, 'slack:USTAKE', ['expert']);
  await seedIdea(kit, 'slack:USUB', TITLE);
  await seedIdea(kit, 'slack:USUB', 'Befriending calls');
  // At stage 5 (Funding), as a walk through the stages would have left it, so a case can be drafted.
  const first = await idea();
  await kit.bot.store.saveIdea({ ...first, status: 'funding', lastStage: 'funding' }, first.version, []);
});
afterAll(async () => kit.close());

describe('consult <ID> in Slack', () => {
  it('opens the form as a modal for a facilitator, and thanks them once it is logged', async () => {
    const view = await kit.modal(await kit.command('UFAC', 'consult ip-1'));
    expect(view.title).toMatchObject({ text: 'Log engagement: IP-1' });
    const elements = (view.blocks as { type: string; block_id?: string; element?: { type: string } }[])
      .filter((b) => b.type === 'input')
      .map((b) => [b.block_id, b.element?.type]);
    expect(elements).toEqual([
      ['kind', 'static_select'],
      ['date', 'datepicker'],
      ['numberOfPeople', 'number_input'],
      ['groups', 'checkboxes'],
      ['whatTheySaid', 'plain_text_input'],
    ]);
    const sent = await kit.submit('UFAC', view, WORKSHOP);
    expect(sent).toMatchObject({ status: 200, body: '' });
    const thanks = flatText((await lastEphemeral('UFAC', sent.since)).body);
    expect(thanks).toContain('Thank you. This offline engagement is now logged on IP-1');
    expect(thanks).toContain('Workshop on 20 November 2026: 14 people (experts by experience, carers).');
    const stored = await idea();
    expect(stored.engagements).toEqual([
      {
        kind: 'workshop',
        date: '2026-11-20',
        numberOfPeople: 14,
        groups: ['experts_by_experience', 'carers'],
        whatTheySaid: SAID,
        recordedBy: 'slack:UFAC',
        recordedAt: kit.clock.now().toISOString(),
      },
    ]);
    expect(stored.history.at(-1)).toMatchObject({ type: 'idea.consulted', actorId: 'slack:UFAC', ideaId: 'IP-1' });
    // What people said stays with the idea, not in the audit trail.
    expect(JSON.stringify(stored.history)).not.toContain('evening');
  });

  it('says what is wrong on the form itself, and stores nothing, for each mistake', async () => {
    const view = await kit.modal(await kit.command('UFAC', 'consult IP-1'));
    const before = await idea();
    const mistakes: [Record<string, string | string[]>, string, string][] = [
      [{ date: tomorrow() }, 'date', 'That date is in the future. Please log a session once it has taken place.'],
      [{ date: '2026-02-30' }, 'date', 'That date does not exist.'],
      [{ numberOfPeople: '0' }, 'numberOfPeople', 'At least 1 person must have taken part.'],
      [{ groups: [] }, 'groups', 'Choose at least one group who took part.'],
      [{ whatTheySaid: 'y'.repeat(4001) }, 'whatTheySaid', 'What they said is too long: at most 4000 characters'],
    ];
    for (const [change, field, message] of mistakes) {
      const res = await kit.submit('UFAC', view, { ...WORKSHOP, ...change });
      const json = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
      expect(json.response_action, field).toBe('errors');
      expect(Object.keys(json.errors), field).toEqual([field]);
      expect(json.errors[field], field).toContain(message);
    }
    const after = await idea();
    expect(after.version).toBe(before.version);
    expect(after.engagements).toHaveLength(1);
  });

  it('is listed by show, in plain words, with who logged it and the history line', async () => {
    const shown = await run('USTAKE', 'show IP-1');
    expect(shown).toContain('Offline engagement: 1 session, 14 people taking part in all');
    expect(shown).toContain(
      'Workshop on 20 November 2026: 14 people (experts by experience, carers). What they said: Keep the same carers | *evening* visits &lt;script&gt;alert(1)&lt;/script&gt; x',
    );
    expect(shown).toContain('… (logged by <@UFAC>)');
    expect(shown).not.toContain(LONG);
    expect(shown).toMatch(/offline engagement logged by <@UFAC>/);
    expect(shown).not.toContain('Log engagement');
  });

  it('is carried into the business case, .md and .docx, with what people said escaped', async () => {
    const before = kit.fake.uploads.length;
    expect(await run('UPM', 'case IP-1')).not.toContain('Sorry');
    await kit.fake.waitFor(() => kit.fake.uploads.length >= before + 2);
    const files = kit.fake.uploads.slice(before).map((u) => u.raw as Buffer);
    const markdown = files.find((f) => f.subarray(0, 2).toString() !== 'PK')?.toString('utf8') ?? '';
    const docx = files.find((f) => f.subarray(0, 2).toString() === 'PK') as Buffer;
    const xml = readZip(new Uint8Array(docx)).get('word/document.xml')?.toString('utf8') ?? '';
    expect(markdown).toContain('| Consultation | 0 closed voting rounds (0 voters); 0 comments; ');
    expect(markdown).toContain('1 offline engagement session (14 people taking part) |');
    expect(markdown).not.toContain('[GAP: no votes, comments');
    expect(markdown).toContain('### Offline engagement');
    expect(markdown).toContain('**Workshop, 20 November 2026**: 14 people took part (experts by experience, carers).');
    expect(markdown).toContain(
      'What they said: Keep the same carers \\| \\*evening\\* visits &lt;script&gt;alert(1)&lt;/script&gt; x',
    );
    expect(markdown).toContain(LONG);
    expect(markdown).toContain('# Business case: Night \\| \\*owl\\* visits &lt;script&gt;');
    expect(markdown).not.toContain('<script>');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('1 offline engagement session (14 people taking part)');
    expect(text).toContain('Workshop, 20 November 2026: 14 people took part (experts by experience, carers).');
    expect(text).toContain('What they said: Keep the same carers | *evening* visits &lt;script&gt;alert(1)');
    expect(text).toContain(LONG);
    expect(xml).not.toContain('<script>');
  });

  it('is counted in the report and the export', async () => {
    expect(await run('USTAKE', 'report')).toContain(
      'Offline engagement logged: 1 session on 1 idea, 14 people taking part in all',
    );
    const before = kit.fake.uploads.length;
    await kit.command('UPM', 'export');
    // The CSV (it starts with a BOM): the report's chart may still be uploading beside it.
    const upload = await kit.fake.waitFor(() =>
      kit.fake.uploads
        .slice(before)
        .find((u) => (u.raw as Buffer).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))),
    );
    const csv = (upload.raw as Buffer).toString('utf8');
    const [header, ...rows] = csv.split('\r\n').map((line) => line.split(','));
    const cell = (id: string, name: string) => rows.find((r) => r[0] === id)?.[header?.indexOf(name) ?? -1];
    expect([cell('IP-1', 'Offline engagement sessions'), cell('IP-1', 'People reached offline')]).toEqual(['1', '14']);
    expect([cell('IP-2', 'Offline engagement sessions'), cell('IP-2', 'People reached offline')]).toEqual(['0', '0']);
    expect(csv).not.toContain('evening');
  });

  it('refuses someone without the role, both the command and a form they send anyway', async () => {
    expect(await run('USTAKE', 'consult IP-1')).toContain('Sorry, `consult` is for facilitators or project managers.');
    const view = await kit.modal(await kit.command('UFAC', 'consult IP-1'));
    const before = await idea();
    const sent = await kit.submit('USTAKE', view, WORKSHOP);
    expect(sent).toMatchObject({ status: 200, body: '' });
    expect(flatText((await lastEphemeral('USTAKE', sent.since)).body)).toContain(
      'Only a facilitator or a project manager can log offline engagement.',
    );
    expect((await idea()).version).toBe(before.version);
  });

  it('lets a PM log it too, and refuses a withdrawn idea with the reason', async () => {
    const view = await kit.modal(await kit.command('UPM', 'consult IP-2'));
    await kit.submit('UPM', view, { ...WORKSHOP, kind: 'phone', numberOfPeople: '3', groups: ['carers'] });
    expect((await idea('IP-2')).engagements).toHaveLength(1);
    expect(await run('USUB', 'withdraw IP-2')).toContain('withdrawn');
    expect(await run('UFAC', 'consult IP-2')).toContain(
      'IP-2 is withdrawn, so offline engagement can no longer be logged on it.',
    );
    const late = await kit.submit('UFAC', view, WORKSHOP);
    expect(flatText((await lastEphemeral('UFAC', late.since)).body)).toContain('IP-2 is withdrawn');
    expect((await idea('IP-2')).engagements).toHaveLength(1);
  });
});
