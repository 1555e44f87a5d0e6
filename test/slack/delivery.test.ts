import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentFeatures } from '../../src/bot/core/pilot-services.js';
import { giveRoles, meetCriteria, submission } from './seed.js';
import { flatText, SlackKit } from './slack-kit.js';

const csv = new TextEncoder().encode('id,title\nIP-1,Rural\n');
const documents = (): DocumentFeatures => ({
  businessCase: async (id) => ({
    visibility: 'private',
    text: `Business case draft for ${id}`,
    blocks: [{ kind: 'text', text: `Business case draft for ${id}` }],
    files: [
      { filename: `${id}.docx`, mimeType: 'application/octet-stream', title: `${id} business case`, content: csv },
    ],
  }),
  meetingPack: async (day) => ({ visibility: 'private', text: `Pack for ${day}`, blocks: [] }),
  report: async () => ({
    visibility: 'private',
    text: 'The funnel',
    blocks: [{ kind: 'list', items: Array.from({ length: 80 }, (_, i) => `Line ${i} ${'x'.repeat(100)}`) }],
  }),
  exportCsv: async () => ({
    visibility: 'public',
    text: 'Pipeline export',
    blocks: [],
    files: [{ filename: 'pipeline.csv', mimeType: 'text/csv', title: 'Pipeline', content: csv }],
  }),
});

const TITLE = '<!channel> & <script>alert(1)</script>';
let kit: SlackKit;
beforeAll(async () => {
  kit = await SlackKit.start({ PILOT_EXPERTS_FORUM: 'slack:CFORUM' }, { documents });
  await giveRoles(kit, 'slack:UPM', ['pm']);
});
afterAll(async () => kit.close());

describe('what the bot posts is safe and reaches people', () => {
  it('an idea title trying to ping the channel is escaped in every post', async () => {
    const view = await kit.modal(await kit.command('USUB', 'submit'));
    await kit.submit('USUB', view, { ...submission(TITLE), title: TITLE });
    await meetCriteria(kit, 'IP-1');
    const moved = await kit.answer(await kit.command('UPM', 'advance IP-1'));
    await kit.answer(await kit.command('UPM', 'vote open IP-1'));
    const forum = await kit.fake.waitFor(() =>
      kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CFORUM'),
    );
    for (const body of [moved.call.body, forum.body]) {
      const json = JSON.stringify(body);
      expect(json).toContain('&lt;!channel&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(json).not.toContain('<!channel>');
      expect(json).not.toContain('<script>');
    }
  });

  it('a broadcast typed into a slash command loses its power', async () => {
    const view = await kit.modal(await kit.command('U1', 'submit <!channel> please'));
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"@channel please"');
  });

  it('a 429 from Slack is waited out (Retry-After) and the post goes through', async () => {
    kit.fake.rateLimitOnce('chat.postMessage', 1);
    const started = Date.now();
    const answer = await kit.answer(await kit.command('UADMIN', 'forum providers', { channelId: 'CPROV' }));
    expect(answer.kind).toBe('public');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(kit.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.outcome === 'rate_limited')).toHaveLength(
      1,
    );
  });

  it('a public answer in a channel the bot is not in goes through the response URL instead', async () => {
    kit.fake.failOnce('chat.postMessage', 'not_in_channel', (body) => body.channel === 'CELSEWHERE');
    const answer = await kit.answer(
      await kit.command('UPM', 'hold IP-1 waiting for funding', { channelId: 'CELSEWHERE' }),
    );
    expect(answer.call.method).toBe('response_url');
    expect(answer.call.body.response_type).toBe('in_channel');
    expect(answer.text).toContain('put on hold');
  });

  it('a private answer whose response URL fails arrives as a direct message', async () => {
    await kit.command('U1', 'help', { responseUrl: 'http://127.0.0.1:9/gone' });
    const dm = await kit.fake.waitFor(() => kit.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'U1'));
    expect(flatText(dm.body)).toContain('what you can do');
  });

  it('business-case and export files are uploaded: privately to a DM, publicly to the channel', async () => {
    await kit.answer(await kit.command('UPM', 'case IP-1'));
    const privateUpload = await kit.fake.waitFor(() => kit.fake.callsTo('files.completeUploadExternal')[0]);
    expect(kit.fake.callsTo('conversations.open')[0]?.body.users).toBe('UPM');
    expect(privateUpload.body.channel_id).toBe('DPM');
    expect(kit.fake.uploads.length).toBeGreaterThanOrEqual(1);
    await kit.command('UPM', 'export');
    const publicUpload = await kit.fake.waitFor(() => kit.fake.callsTo('files.completeUploadExternal')[1]);
    expect(publicUpload.body.channel_id).toBe('C1');
  });

  it('a long report is cut to Slack’s limits with a note, not refused', async () => {
    const answer = await kit.answer(await kit.command('U1', 'report'));
    const blocks = answer.call.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(answer.text).toContain('Line 79');
  });

  it('direct messages go only to Slack people', async () => {
    const notifier = kit.bot.adapters.find((a) => a.name === 'slack')?.notifier;
    const before = kit.fake.calls.length;
    await notifier?.direct('teams:abc-123', { visibility: 'private', text: 'hello', blocks: [] });
    await notifier?.direct('slack:UDM', { visibility: 'private', text: 'hello there', blocks: [] });
    expect(kit.fake.calls.slice(before).map((c) => c.body.channel)).toEqual(['UDM']);
  });
});
