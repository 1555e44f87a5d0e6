import type { Form, FormField } from '../../views/reply.js';
import { cardAction } from './card-actions.js';
import { toCardText, toPlainText } from './card-text.js';
import { type AdaptiveCard, type CardElement, newCard, textBlock } from './card-types.js';

/** What to show again when a submitted form comes back with problems. */
export interface FormState {
  /** What the person entered, so they do not have to type it again. */
  values?: Record<string, unknown>;
  /** Per-field messages (field id → message), shown under each field. */
  fieldErrors?: Record<string, string>;
  /** A message about the whole form, shown at the top. */
  message?: string;
}

/** Renders a neutral form as an Adaptive Card whose submit comes back through the core as a `form` action. */
export function renderFormCard(form: Form, state: FormState = {}): AdaptiveCard {
  const body: CardElement[] = [
    textBlock(toCardText(form.title), { size: 'Large', weight: 'Bolder', style: 'heading' }),
  ];
  if (state.message) body.push(textBlock(toCardText(state.message), { color: 'attention', weight: 'Bolder' }));
  if (form.intro) body.push(textBlock(toCardText(form.intro), { isSubtle: true }));
  for (const field of form.fields) {
    body.push(renderInput(field, state.values?.[field.id]));
    if (field.hint) body.push(textBlock(toCardText(field.hint), { isSubtle: true, size: 'Small', spacing: 'None' }));
    const error = state.fieldErrors?.[field.id];
    if (error) body.push(textBlock(`⚠️ ${toCardText(error)}`, { color: 'attention', size: 'Small', spacing: 'None' }));
  }
  const card = newCard(body, form.title);
  const ideaId = form.context.ideaId;
  card.actions = [
    cardAction(toPlainText(form.submitLabel), { kind: 'form', formId: form.formId, context: form.context }, 'positive'),
    cardAction('Cancel', { kind: 'cancel', ...(ideaId ? { ideaId } : {}) }),
  ];
  return card;
}

function renderInput(field: FormField, entered: unknown): CardElement {
  const label = toPlainText(field.label);
  const common: CardElement = {
    id: field.id,
    label,
    isRequired: field.required,
    errorMessage: `Please fill in “${label}”.`,
  };
  const asText = shownValue(entered ?? field.initial);
  const value = asText === undefined || asText === '' ? {} : { value: asText };
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        type: 'Input.Text',
        ...common,
        ...value,
        isMultiline: field.kind === 'textarea',
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
      };
    case 'number': {
      const n = asText === undefined ? Number.NaN : Number(asText.replace(/[£,\s]/g, ''));
      return {
        type: 'Input.Number',
        ...common,
        min: 0,
        ...(Number.isFinite(n) ? { value: n } : {}),
        errorMessage: `Please enter a number for “${label}”.`,
      };
    }
    case 'date':
      // https://adaptivecards.io/explorer/Input.Date.html: the value is `YYYY-MM-DD`.
      return {
        type: 'Input.Date',
        ...common,
        ...(asText && /^\d{4}-\d{2}-\d{2}$/.test(asText) ? { value: asText } : {}),
        errorMessage: `Please pick a date for “${label}”.`,
      };
    case 'toggle':
      return {
        type: 'Input.Toggle',
        ...common,
        title: label,
        valueOn: 'true',
        valueOff: 'false',
        value: asText === 'true' ? 'true' : 'false',
      };
    default: {
      const multi = field.kind !== 'select';
      const options = field.options ?? [];
      const expanded = field.kind === 'checkboxes' || options.length <= 4;
      return {
        type: 'Input.ChoiceSet',
        ...common,
        ...value,
        isMultiSelect: multi,
        style: expanded ? 'expanded' : 'compact',
        ...(expanded ? {} : { placeholder: multi ? 'Choose one or more' : 'Choose one' }),
        wrap: true,
        choices: options.map((o) => ({ title: toPlainText(o.label), value: o.value })),
        errorMessage: multi ? `Please choose at least one for “${label}”.` : `Please choose one for “${label}”.`,
      };
    }
  }
}

/**
 * What a submitted value looks like back in its input: text, a number or a yes/no as text, a list
 * of those joined with commas. Anything else (an object from a hand-made card) shows as empty: the
 * core has already said what is wrong with it, and String() of `{"toString":"x"}` would throw.
 */
function shownValue(value: unknown): string | undefined {
  const scalar = (v: unknown) =>
    typeof v === 'string'
      ? v
      : (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean'
        ? String(v)
        : null;
  if (Array.isArray(value)) {
    const parts = value.map(scalar);
    return parts.every((p): p is string => p !== null) ? parts.join(',') : undefined;
  }
  return scalar(value) ?? undefined;
}
