import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../templates/read-zip.js';
import { outlineForms } from '../support/pilot-harness.js';
import { makeUser } from './make-activity.js';
import { startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { steps, submitIdea } from './teams-steps.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

const PUBLIC = 'https://pilot.example.org';
const pm = makeUser('pat', 'Pat Morgan');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;
let id = '';

/** Every link (Action.OpenUrl) on a card, by title. */
function links(card: Json): { title: string; url: string }[] {
  const found: { title: string; url: string }[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (v.type === 'Action.OpenUrl') found.push({ title: v.title, url: v.url });
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Downloads a link the bot gave out, from the bot itself (the public address stands for it). */
async function download(url: string): Promise<Response> {
  expect(url.startsWith(`${PUBLIC}/`)).toBe(true);
  return fetch(url.replace(PUBLIC, h.bot.url));
}

beforeAll(async () => {
  h = await startTeamsHarness({ PILOT_PUBLIC_URL: PUBLIC, PILOT_QUORUM_EXPERTS: '0', PILOT_QUORUM_PROVIDERS: '0' });
  s = steps(h);
  await s.say(pm, 'help');
  id = await submitIdea(h, pm, 'Night-time homecare <b>& rural</b> support');
  // Up to stage 5 through the engine (these gates are covered elsewhere); the documents are what is tested here.
  const record = (kind: Parameters<typeof h.bot.pilot.core.handle>[1]) =>
    h.bot.pilot.core.handle({ personId: pm.personId, platform: 'teams' }, kind);
  const form = (formId: string, values: Record<string, unknown>) =>
    record({ kind: 'form', formId, values, context: { ideaId: id } });
  await form('criteria', {
    met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
  });
  await record({ kind: 'text', text: `advance ${id}` });
  await form('no_precedent', { note: 'Searched the LGA library' });
  await record({ kind: 'text', text: `advance ${id}` });
  for (const action of outlineForms(id)) await record(action);
  await record({ kind: 'text', text: `advance ${id}` });
});
afterAll(async () => {
  await h?.close();
});

describe('documents in Teams', () => {
  it('case before stage 5 is refused with the reason', async () => {
    const early = await s.say(pm, `case ${id}`);
    expect(JSON.stringify(early.card)).toContain('stage 5');
  });

  it('case delivers the business case as an expiring download link to a real .docx', async () => {
    const as = (action: Parameters<typeof h.bot.pilot.core.handle>[1]) =>
      h.bot.pilot.core.handle({ personId: pm.personId, platform: 'teams' }, action);
    await as({ kind: 'text', text: `vote open ${id} score 1` });
    await as({ kind: 'text', text: `vote close ${id}` });
    await as({
      kind: 'form',
      formId: 'shortlist',
      values: { shortlisted: 'yes', override: 'no' },
      context: { ideaId: id },
    });
    await as({ kind: 'text', text: `advance ${id}` });
    expect((await h.bot.store.getIdea(id))?.status).toBe('funding');

    const step = await s.say(pm, `case ${id}`);
    // The council's summary template is shown as card Markdown: bold, a list, tags made visible.
    const texts = JSON.stringify(step.card);
    expect(texts).toContain('**Business case draft: Night-time homecare ‹b›\\\\& rural‹/b› support**');
    expect(texts).toContain('\\n- Funding: ');
    const docx = links(step.card).find((l) => l.url.endsWith('.docx'));
    expect(docx, JSON.stringify(step.card)).toBeDefined();
    expect(docx?.url).toMatch(/\/teams\/files\/[A-Za-z0-9_-]{24}\//);
    const res = await download(docx?.url ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const xml =
      readZip(new Uint8Array(await res.arrayBuffer()))
        .get('word/document.xml')
        ?.toString('utf8') ?? '';
    expect(xml).toContain('Night-time homecare &lt;b&gt;&amp; rural&lt;/b&gt; support');
    expect(xml).toContain('GAP');
    expect((await fetch(`${h.bot.url}/teams/files/${'x'.repeat(24)}/case.docx`)).status).toBe(404);
  });

  it('report and export come as links to a chart image and a CSV with a BOM', async () => {
    const report = await s.say(pm, 'report');
    const chart = links(report.card).find((l) => /\.(png|svg)$/.test(l.url));
    expect(chart).toBeDefined();
    const image = await download(chart?.url ?? '');
    expect(image.headers.get('content-type')).toMatch(/image\/(png|svg\+xml)/);
    const exported = await s.say(pm, 'export');
    const csv = links(exported.card).find((l) => l.url.endsWith('.csv'));
    const bytes = new Uint8Array(await (await download(csv?.url ?? '')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain(id);
  });
});
