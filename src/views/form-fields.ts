import type { FormField } from './reply.js';

/** A required one-line text field. */
export const text = (id: string, label: string, maxLength: number, extra: Partial<FormField> = {}): FormField => ({
  id,
  label,
  kind: 'text',
  required: true,
  maxLength,
  ...extra,
});

/** A required multi-line text field. */
export const area = (id: string, label: string, maxLength: number, extra: Partial<FormField> = {}): FormField => ({
  id,
  label,
  kind: 'textarea',
  required: true,
  maxLength,
  ...extra,
});

/** The options of a yes/no select ("no" first, so nothing is claimed by default). */
export const YES_NO = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
];

/** A select's "yes"/"no" (or "true"/"false") as a boolean; anything else is left for the schema to refuse. */
export function yes(value: unknown): boolean | unknown {
  if (value === 'yes' || value === 'true') return true;
  if (value === 'no' || value === 'false') return false;
  return value;
}
