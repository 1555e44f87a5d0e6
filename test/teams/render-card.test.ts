import { describe, expect, it } from 'vitest';
import type { Form, Reply } from '../../src/views/reply.js';
import { readCardData, toCoreAction } from '../../src/bot/teams/card-actions.js';
import { toCardText, toPlainText } from '../../src/bot/teams/card-text.js';
import { cmd, strong } from '../../src/views/inline.js';
import { renderCard } from '../../src/bot/teams/render-card.js';
import { renderFormCard } from '../../src/bot/teams/render-form-card.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

describe('renderCard: the one place a neutral reply becomes an Adaptive Card 1.5', () => {
  const reply: Reply = {
    visibility: 'private',
    text: 'IP-3: Rural support',
    blocks: [
      { kind: 'heading', text: 'IP-3: Rural support' },
      { kind: 'text', text: `Try ${cmd('show <ID>')} or ${strong('list')}.` },
      { kind: 'fields', fields: [{ label: 'Stage', value: '1. Longlist' }] },
      { kind: 'divider' },
      { kind: 'list', items: ['one', 'two'] },
      { kind: 'context', text: 'small print' },
      {
        kind: 'buttons',
        buttons: [
          { label: 'Advance', actionId: 'idea.advance', value: 'IP-3', style: 'primary' },
          { label: 'Withdraw', actionId: 'idea.withdraw', value: 'IP-3', style: 'danger' },
        ],
      },
    ],
  };

  it('maps each block to card elements, in order', () => {
    const card = renderCard(reply);
    expect(card.version).toBe('1.5');
    expect(card.body.map((e) => e.type)).toEqual([
      'TextBlock',
      'TextBlock',
      'FactSet',
      'Container',
      'TextBlock',
      'ActionSet',
    ]);
    expect(card.body[0]).toMatchObject({ size: 'Large', weight: 'Bolder' });
    expect(card.body[1]?.text).toBe('Try **show ‹ID›** or **list**.');
    expect(card.body[3]).toMatchObject({ separator: true });
    expect(card.body[4]).toMatchObject({ isSubtle: true });
    expect(card.fallbackText).toBe('IP-3: Rural support');
  });

  it('makes buttons Action.Execute with an Action.Submit fallback carrying the same data', () => {
    const actions = (renderCard(reply).body[5] as Json).actions;
    expect(actions[0]).toMatchObject({
      type: 'Action.Execute',
      title: 'Advance',
      verb: 'pilot.button',
      style: 'positive',
      data: { pilot: { kind: 'button', actionId: 'idea.advance', value: 'IP-3' } },
    });
    expect(actions[0].fallback).toMatchObject({ type: 'Action.Submit', data: actions[0].data });
    expect(actions[1].style).toBe('destructive');
  });

  it('shortens an answer too long for one Teams card and says so', () => {
    const long: Reply = {
      visibility: 'private',
      text: 'long',
      blocks: Array.from({ length: 400 }, (_, i) => ({ kind: 'text' as const, text: `Line ${i} ${'x'.repeat(100)}` })),
    };
    const card = renderCard(long);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28_000);
    expect(card.body.at(-1)?.text).toContain('too long for one card');
  });

  it('links files and shows a banner first', () => {
    const card = renderCard(reply, {
      banner: { text: 'Saved', tone: 'good' },
      files: [{ title: 'Business case', url: 'https://bot.example/teams/files/t/case.docx' }],
    });
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'good', items: [{ text: 'Saved' }] });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Download Business case', url: 'https://bot.example/teams/files/t/case.docx' },
    ]);
  });
});

describe('renderFormCard', () => {
  const form: Form = {
    formId: 'outline',
    title: 'Outline proposal: IP-3',
    submitLabel: 'Save outline',
    intro: 'Start small.',
    context: { ideaId: 'IP-3' },
    fields: [
      { id: 'objectives', label: 'Objectives', kind: 'textarea', required: true, maxLength: 4000, hint: 'Plain words' },
      { id: 'cohortSize', label: 'Cohort size', kind: 'number', required: true },
      {
        id: 'source',
        label: 'Source',
        kind: 'select',
        required: true,
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
      },
      {
        id: 'outcomes',
        label: 'Outcomes',
        kind: 'multiselect',
        required: true,
        options: Array.from({ length: 8 }, (_, i) => ({ value: `o${i}`, label: `O${i}` })),
      },
      { id: 'met', label: 'Met', kind: 'checkboxes', required: false, options: [{ value: 'x', label: 'X' }] },
      { id: 'ok', label: 'OK?', kind: 'toggle', required: false },
      { id: 'when', label: 'When?', kind: 'date', required: true },
    ],
  };

  it('renders each field kind as the matching input, with a submit and a cancel', () => {
    const card = renderFormCard(form);
    const inputs = card.body.filter((e) => String(e.type).startsWith('Input.'));
    expect(inputs.map((i) => [i.id, i.type])).toEqual([
      ['objectives', 'Input.Text'],
      ['cohortSize', 'Input.Number'],
      ['source', 'Input.ChoiceSet'],
      ['outcomes', 'Input.ChoiceSet'],
      ['met', 'Input.ChoiceSet'],
      ['ok', 'Input.Toggle'],
      ['when', 'Input.Date'],
    ]);
    expect(renderFormCard(form, { values: { when: '2026-03-12' } }).body.find((e) => e.id === 'when')).toMatchObject({
      value: '2026-03-12',
      isRequired: true,
    });
    expect(inputs[0]).toMatchObject({ isMultiline: true, isRequired: true, label: 'Objectives', maxLength: 4000 });
    expect(inputs[2]).toMatchObject({ style: 'expanded', isMultiSelect: false });
    expect(inputs[3]).toMatchObject({ style: 'compact', isMultiSelect: true });
    expect(inputs[4]).toMatchObject({ style: 'expanded', isMultiSelect: true });
    expect(card.actions?.map((a) => a.title)).toEqual(['Save outline', 'Cancel']);
    expect(card.actions?.[0]?.data).toEqual({
      pilot: { kind: 'form', formId: 'outline', context: { ideaId: 'IP-3' } },
    });
    expect(card.actions?.[1]).toMatchObject({ associatedInputs: 'none' });
  });

  it('keeps what was typed and shows each problem under its field', () => {
    const card = renderFormCard(form, {
      values: { objectives: 'Fewer falls', cohortSize: '£1,200', outcomes: ['o1', 'o2'] },
      fieldErrors: { cohortSize: 'Must be whole' },
      message: 'Some of the outline needs another look',
    });
    expect(card.body[1]).toMatchObject({ color: 'attention', text: 'Some of the outline needs another look' });
    const byId = (id: string) => card.body.find((e) => e.id === id) as Json;
    expect(byId('objectives').value).toBe('Fewer falls');
    expect(byId('cohortSize').value).toBe(1200);
    expect(byId('outcomes').value).toBe('o1,o2');
    const index = card.body.indexOf(byId('cohortSize'));
    expect(card.body[index + 1]).toMatchObject({ text: '⚠️ Must be whole', color: 'attention' });
  });
});

describe('card data and text', () => {
  it('reads our intent and the inputs back from a click, and ignores anything else', () => {
    const read = readCardData({
      pilot: { kind: 'form', formId: 'comment', context: { ideaId: 'IP-1' } },
      text: 'Hi',
      msteams: {},
    });
    expect(read?.inputs).toEqual({ text: 'Hi' });
    expect(read && toCoreAction(read.intent, read.inputs)).toEqual({
      kind: 'form',
      formId: 'comment',
      values: { text: 'Hi' },
      context: { ideaId: 'IP-1' },
    });
    expect(readCardData({ verb: 'other' })).toBeNull();
    expect(readCardData('nope')).toBeNull();
    expect(readCardData({ pilot: { kind: 'button', actionId: 'x' } })).toBeNull();
  });

  it('turns the core’s inline marks into Teams Markdown, and nothing else', () => {
    expect(toCardText(`${strong('1. Longlist')}\nline two`)).toBe('**1.\u00a0Longlist**\n\nline two');
    expect(toCardText(`Type ${cmd('list mine')}`)).toBe('Type **list mine**');
    expect(toCardText(`Type ${cmd('comment <ID> *really*')}`)).toBe('Type **comment ‹ID› \\*really\\***');
    expect(toCardText('5 * 3 * 2')).toBe('5 \\* 3 \\* 2');
    expect(toCardText('*Longlist* and `list mine` as a person typed them')).toBe(
      '\\*Longlist\\* and \\`list mine\\` as a person typed them',
    );
    expect(toPlainText(`Type ${cmd('list mine')} for ${strong('yours')}`)).toBe('Type “list mine” for yours');
  });

  it('escapes everything else Teams would format, so people’s words show as typed', () => {
    expect(toCardText('[Vote here](https://evil.example)')).toBe('\\[Vote here\\]\\(https://evil.example\\)');
    expect(toCardText('![x](http://e/x.png)')).toBe('\\!\\[x\\]\\(http://e/x.png\\)');
    expect(toCardText('a_b_c &amp; ~x~')).toBe('a\\_b\\_c \\&amp; \\~x\\~');
    expect(toCardText('# h\n- a\n+ b\n> c\n2) d\n1. e')).toBe('\\# h\n\n\\- a\n\n\\+ b\n\n› c\n\n2\\) d\n\n1.\u00a0e');
    expect(toCardText(strong('[a](http://e)'))).toBe('**\\[a\\]\\(http://e\\)**');
    expect(toCardText('IP-3: Rural support')).toBe('IP-3: Rural support');
  });
});
