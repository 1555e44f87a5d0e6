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

/**
 * A vote's conflict question (SPEC 3.1). Asked (providers): "No, none" or "Yes", required, with a short
 * box for what it is. Not asked (everyone else): an optional box to declare one.
 */
export function conflictFields(asked: boolean): FormField[] {
  if (!asked) return [area('conflict', 'Any conflict of interest? (optional)', 1000, { required: false })];
  return [
    {
      id: 'hasConflict',
      label: 'Do you have a conflict of interest in this idea?',
      kind: 'select',
      required: true,
      options: [
        { value: 'no', label: 'No, none' },
        { value: 'yes', label: 'Yes' },
      ],
    },
    area('conflict', 'If yes, what is it? A few words are enough.', 1000, { required: false }),
  ];
}
