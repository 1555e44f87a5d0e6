import { z } from 'zod';
import type { ModalMeta } from './render-modal.js';
import { plainInline } from '../../views/inline.js';

const metaSchema = z.object({
  f: z.string().min(1).max(60),
  c: z.record(z.string(), z.string()).default({}),
  ch: z.string().max(40).optional(),
});

/** Reads a modal's `private_metadata`; null when it is missing or not ours. */
export function readModalMeta(raw: string | undefined): ModalMeta | null {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? { formId: parsed.data.f, context: parsed.data.c, channel: parsed.data.ch } : null;
  } catch {
    return null;
  }
}

/** An input's state as Slack sends it in `view.state.values`. */
interface InputState {
  type?: string;
  value?: string | null;
  /** A date picker's day, `YYYY-MM-DD` (null when none was picked). */
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[] | null;
}

/** `view.state.values` (block id → action id → state) as field id → value: strings, or string arrays for multi-choice inputs. */
export function readModalValues(values: Record<string, Record<string, unknown>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    const state = Object.values(actions ?? {})[0] as InputState | undefined;
    if (!state || typeof state !== 'object') continue;
    if (Array.isArray(state.selected_options)) out[blockId] = state.selected_options.map((o) => String(o?.value ?? ''));
    else if (state.type === 'static_select' || state.selected_option !== undefined)
      out[blockId] = state.selected_option?.value ?? undefined;
    else if (state.type === 'datepicker' || state.selected_date !== undefined)
      out[blockId] = typeof state.selected_date === 'string' ? state.selected_date : undefined;
    else if (typeof state.value === 'string') out[blockId] = state.value;
    else out[blockId] = undefined;
  }
  return out;
}

/**
 * Field errors as a `response_action: errors` map keyed by input block id, in plain text (Slack shows them so). Messages for fields the
 * modal does not show go on its first input, so the person always sees them.
 * https://docs.slack.dev/surfaces/modals#displaying_errors
 */
export function modalErrors(
  fieldErrors: Record<string, string>,
  blocks: unknown[] | undefined,
): Record<string, string> | null {
  const inputs = (blocks ?? []).flatMap((b) => {
    const block = b as { type?: string; block_id?: string };
    return block?.type === 'input' && block.block_id ? [block.block_id] : [];
  });
  const first = inputs[0];
  if (!first) return null;
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    const target = inputs.includes(field) ? field : first;
    const text = plainInline(message);
    const joined = errors[target] ? `${errors[target]} ${text}` : text;
    errors[target] = joined.length > 1000 ? `${joined.slice(0, 999)}…` : joined;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
