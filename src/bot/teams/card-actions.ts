import { z } from 'zod';
import type { Action } from '../../views/reply.js';
import type { CardElement } from './card-types.js';

/** Where our own data sits in a card action's `data`; every other key is a form input. */
export const PILOT_KEY = 'pilot';

const intentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('button'),
    actionId: z.string().max(100),
    value: z.string().max(4000),
    ideaId: z.string().max(20).optional(),
  }),
  z.object({ kind: z.literal('form'), formId: z.string().max(50), context: z.record(z.string(), z.string().max(500)) }),
  z.object({ kind: z.literal('cancel'), ideaId: z.string().max(20).optional() }),
]);

/** What a card button means: a core button, a form submission, or cancelling a form. */
export type CardIntent = z.infer<typeof intentSchema>;

/**
 * A card button: `Action.Execute` (universal actions, answered with an updated card) with an
 * `Action.Submit` fallback for clients without universal actions.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 */
export function cardAction(title: string, intent: CardIntent, style?: 'positive' | 'destructive'): CardElement {
  const data = { [PILOT_KEY]: intent };
  const inputs = intent.kind === 'form' ? 'auto' : 'none';
  const styled = style ? { style } : {};
  return {
    type: 'Action.Execute',
    title,
    verb: `pilot.${intent.kind}`,
    data,
    associatedInputs: inputs,
    ...styled,
    fallback: { type: 'Action.Submit', title, data, associatedInputs: inputs, ...styled },
  };
}

/** Reads our intent and the form inputs out of a card action's data; null when it is not ours. */
export function readCardData(data: unknown): { intent: CardIntent; inputs: Record<string, unknown> } | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const { [PILOT_KEY]: raw, msteams: _teams, ...inputs } = data as Record<string, unknown>;
  const parsed = intentSchema.safeParse(raw);
  return parsed.success ? { intent: parsed.data, inputs } : null;
}

/** Turns a card intent into the core's action (null for cancel, which the adapter answers itself). */
export function toCoreAction(intent: CardIntent, inputs: Record<string, unknown>): Action | null {
  if (intent.kind === 'button') return { kind: 'button', actionId: intent.actionId, value: intent.value };
  if (intent.kind === 'form') return { kind: 'form', formId: intent.formId, values: inputs, context: intent.context };
  return null;
}
