import type { types } from '@slack/bolt';
import type { Form, FormField } from '../../views/reply.js';
import { fitMrkdwn, fitPlain, toMrkdwn } from './mrkdwn.js';

/** Modal limits. https://docs.slack.dev/reference/views/modal-views */
const LIMITS = {
  title: 24,
  button: 24,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  options: 100,
  checkboxes: 10,
  inputMax: 3000,
  metadata: 3000,
};

/** The callback id of every form modal the bot opens. */
export const FORM_CALLBACK_ID = 'pilot_form';

/** What a modal carries back on submit (`private_metadata`): the form, its context, and the channel to answer in. */
export interface ModalMeta {
  formId: string;
  context: Record<string, string>;
  /** Raw Slack channel id where the form was opened from, if any. */
  channel?: string;
}

/** A neutral Form as a Slack modal; each field is an input block whose block id is the field id. */
export function renderModal(form: Form, channel?: string): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (form.title.length > LIMITS.title)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${toMrkdwn(form.title)}*` } });
  if (form.intro)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitMrkdwn(toMrkdwn(form.intro), 3000) } });
  for (const field of form.fields) blocks.push(inputBlock(field));
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, LIMITS.title),
    submit: plain(form.submitLabel, LIMITS.button),
    close: plain('Cancel', LIMITS.button),
    private_metadata: encodeMeta({ formId: form.formId, context: form.context, channel }),
    blocks,
  };
}

function inputBlock(field: FormField): types.InputBlock {
  return {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: plain(field.label, LIMITS.label),
    ...(field.hint ? { hint: plain(field.hint, LIMITS.hint) } : {}),
    element: elementFor(field),
  };
}

function elementFor(field: FormField): types.InputBlock['element'] {
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, LIMITS.placeholder) } : {};
  const initial = Array.isArray(field.initial) ? field.initial : field.initial !== undefined ? [field.initial] : [];
  const options = (field.options ?? [])
    .slice(0, LIMITS.options)
    .map((o) => ({ text: plain(o.label, LIMITS.optionText), value: o.value }));
  const chosen = options.filter((o) => initial.includes(o.value));
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: field.kind === 'textarea',
        // Slack caps text inputs at 3,000 characters.
        max_length: Math.min(field.maxLength ?? LIMITS.inputMax, LIMITS.inputMax),
        ...(typeof field.initial === 'string' && field.initial
          ? { initial_value: field.initial.slice(0, LIMITS.inputMax) }
          : {}),
        ...placeholder,
      };
    case 'number': {
      const start =
        typeof field.initial === 'string' && /^-?\d+(\.\d+)?$/.test(field.initial)
          ? { initial_value: field.initial }
          : {};
      return { type: 'number_input', action_id: 'value', is_decimal_allowed: true, ...start, ...placeholder };
    }
    case 'date':
      // https://docs.slack.dev/reference/block-kit/block-elements/date-picker-element
      return {
        type: 'datepicker',
        action_id: 'value',
        ...(typeof field.initial === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(field.initial)
          ? { initial_date: field.initial }
          : {}),
        ...placeholder,
      };
    case 'select':
      return {
        type: 'static_select',
        action_id: 'value',
        options,
        ...(chosen[0] ? { initial_option: chosen[0] } : {}),
        ...placeholder,
      };
    case 'checkboxes':
      // Slack checkboxes hold at most 10 options; longer lists become a multi-select.
      if (options.length <= LIMITS.checkboxes)
        return {
          type: 'checkboxes',
          action_id: 'value',
          options,
          ...(chosen.length > 0 ? { initial_options: chosen } : {}),
        };
      return {
        type: 'multi_static_select',
        action_id: 'value',
        options,
        ...(chosen.length > 0 ? { initial_options: chosen } : {}),
        ...placeholder,
      };
    case 'multiselect':
      return {
        type: 'multi_static_select',
        action_id: 'value',
        options,
        ...(chosen.length > 0 ? { initial_options: chosen } : {}),
        ...placeholder,
      };
    case 'toggle': {
      const yes = { text: plain('Yes', LIMITS.optionText), value: 'true' };
      return {
        type: 'checkboxes',
        action_id: 'value',
        options: [yes],
        ...(initial.includes('true') ? { initial_options: [yes] } : {}),
      };
    }
  }
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: fitPlain(text, max) || ' ', emoji: true };
}

function encodeMeta(meta: ModalMeta): string {
  const context = Object.fromEntries(Object.entries(meta.context).map(([k, v]) => [k, String(v).slice(0, 400)]));
  const json = JSON.stringify({ f: meta.formId, c: context, ch: meta.channel });
  // private_metadata holds 3,000 characters; the context is small ids, so only a long pre-filled title can overflow.
  return json.length <= LIMITS.metadata
    ? json
    : JSON.stringify({ f: meta.formId, c: { ...context, title: '' }, ch: meta.channel });
}
