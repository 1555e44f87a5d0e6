import { describe, expect, it } from 'vitest';
import { mention } from '../../src/views/mention.js';
import type { Form, ReplyBlock } from '../../src/views/reply.js';
import { escapeMrkdwn, fitMrkdwn, fromSlackText, toMrkdwn } from '../../src/bot/slack/mrkdwn.js';
import { modalErrors, readModalMeta, readModalValues } from '../../src/bot/slack/read-modal.js';
import { neutralActionId, renderBlocks } from '../../src/bot/slack/render-blocks.js';
import { renderModal } from '../../src/bot/slack/render-modal.js';

describe('mrkdwn', () => {
  it('escapes &, < and > so nothing can ping or link', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <https://x|y>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt;',
    );
  });

  it('turns the refs the core marked into mentions after escaping, and leaves other platforms alone', () => {
    expect(toMrkdwn(`by ${mention('slack:U123')} in ${mention('slack:C9AB')} for ${mention('teams:abc')} <b>`)).toBe(
      'by <@U123> in <#C9AB> for teams:abc &lt;b&gt;',
    );
    expect(toMrkdwn(mention('slack:D123:dm'))).toBe('slack:D123:dm');
  });

  it('leaves refs nobody marked (typed by a user) as plain text', () => {
    expect(toMrkdwn('by slack:U123 in slack:C9AB')).toBe('by slack:U123 in slack:C9AB');
  });

  it('never cuts inside an entity or a mention', () => {
    expect(fitMrkdwn('abc &amp; def', 7)).toBe('abc …');
    expect(fitMrkdwn('hi <@U12345>', 9)).toBe('hi …');
  });

  it('reads slash-command text back into plain words', () => {
    expect(fromSlackText('role <@U2|sam> pm')).toBe('role slack:U2 pm');
    expect(fromSlackText('<!channel> <!here|here> <!subteam^S1|@carers>')).toBe('@channel @here @carers');
    expect(fromSlackText('see <https://a.org|the site> &amp; &lt;3 <#C1|general>')).toBe(
      'see the site (https://a.org) & <3 slack:C1',
    );
  });
});

describe('renderBlocks keeps to Block Kit limits', () => {
  it('a message over 50 blocks is cut with a note, keeping its closing buttons', () => {
    const blocks: ReplyBlock[] = [
      ...Array.from({ length: 60 }, (_, i) => ({ kind: 'text' as const, text: `part ${i}` })),
      { kind: 'buttons', buttons: [{ label: 'Go', actionId: 'idea.show', value: 'IP-1' }] },
    ];
    const out = renderBlocks(blocks);
    expect(out).toHaveLength(50);
    expect(out.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(out.at(-2))).toContain('too long to show in full');
    expect(JSON.stringify(out.at(-2))).toContain('`/pilot list mine`');
    expect(JSON.stringify(out)).not.toMatch(/[\uE020-\uE023]/);
  });

  it('long text is split into sections of at most 3,000 characters', () => {
    const out = renderBlocks([
      { kind: 'text', text: Array.from({ length: 200 }, () => 'a line of text '.repeat(4)).join('\n') },
      { kind: 'text', text: 'x'.repeat(5000) },
    ]);
    expect(out.length).toBeGreaterThan(3);
    for (const block of out) expect((block as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
  });

  it('fields go ten to a section; buttons 25 to a block, each with a unique action id', () => {
    const fields = renderBlocks([
      { kind: 'fields', fields: Array.from({ length: 15 }, (_, i) => ({ label: `L${i}`, value: 'v' })) },
    ]);
    expect(fields.map((b) => (b as { fields: unknown[] }).fields.length)).toEqual([10, 5]);
    const buttons = renderBlocks([
      {
        kind: 'buttons',
        buttons: Array.from({ length: 30 }, () => ({ label: 'Vote'.repeat(30), actionId: 'vote.cast', value: '{}' })),
      },
    ]);
    const ids = buttons.flatMap((b) => (b as { elements: { action_id: string; text: { text: string } }[] }).elements);
    expect(buttons).toHaveLength(2);
    expect(new Set(ids.map((e) => e.action_id)).size).toBe(30);
    expect(ids.every((e) => neutralActionId(e.action_id) === 'vote.cast' && e.text.text.length <= 75)).toBe(true);
  });
});

const form: Form = {
  formId: 'demo',
  title: 'A title that is much longer than Slack allows',
  submitLabel: 'Send expression of interest',
  intro: 'Read <this> first',
  context: { ideaId: 'IP-3' },
  fields: [
    { id: 'name', label: 'Name', kind: 'text', required: true, maxLength: 4000, initial: 'Sam' },
    { id: 'size', label: 'Size', kind: 'number', required: true },
    {
      id: 'pick',
      label: 'Pick',
      kind: 'select',
      required: true,
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
      initial: 'b',
    },
    {
      id: 'many',
      label: 'Many',
      kind: 'checkboxes',
      required: false,
      options: Array.from({ length: 12 }, (_, i) => ({ value: `o${i}`, label: `Option ${i}` })),
    },
    { id: 'few', label: 'Few', kind: 'checkboxes', required: false, options: [{ value: 'x', label: 'X' }] },
    { id: 'day', label: 'Day', kind: 'date', required: true, initial: '2026-03-12' },
  ],
};

describe('modals', () => {
  it('renders a form within Slack’s modal limits, carrying its context', () => {
    const view = renderModal(form, 'C1');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text.length).toBeLessThanOrEqual(24);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('Read &lt;this&gt; first');
    expect(json).toContain('"max_length":3000');
    expect(json).toContain('"type":"number_input"');
    expect(json).toContain('"element":{"type":"datepicker","action_id":"value","initial_date":"2026-03-12"}');
    expect(json).toContain('"initial_option":{"text":{"type":"plain_text","text":"B","emoji":true},"value":"b"}');
    expect(json).toContain(
      '"block_id":"many","optional":true,"label":{"type":"plain_text","text":"Many","emoji":true},"element":{"type":"multi_static_select"',
    );
    expect(readModalMeta(view.private_metadata)).toEqual({
      formId: 'demo',
      context: { ideaId: 'IP-3' },
      channel: 'C1',
    });
    expect(readModalMeta('{"f":1}')).toBeNull();
  });

  it('reads submitted values of every input kind', () => {
    const values = readModalValues({
      name: { value: { type: 'plain_text_input', value: 'Sam' } },
      size: { value: { type: 'number_input', value: '12' } },
      pick: { value: { type: 'static_select', selected_option: null } },
      many: { value: { type: 'multi_static_select', selected_options: [{ value: 'o1' }, { value: 'o3' }] } },
      few: { value: { type: 'checkboxes', selected_options: [] } },
      empty: { value: { type: 'plain_text_input', value: null } },
      day: { value: { type: 'datepicker', selected_date: '2026-03-12' } },
      noDay: { value: { type: 'datepicker', selected_date: null } },
    });
    expect(values).toEqual({
      name: 'Sam',
      size: '12',
      pick: undefined,
      many: ['o1', 'o3'],
      few: [],
      empty: undefined,
      day: '2026-03-12',
      noDay: undefined,
    });
  });

  it('maps field errors to input blocks, unknown fields to the first one', () => {
    const blocks = renderModal(form).blocks;
    expect(modalErrors({ size: 'A number, please.', _: 'Check the form.', ghost: 'Hmm.' }, blocks)).toEqual({
      size: 'A number, please.',
      name: 'Check the form. Hmm.',
    });
  });
});
