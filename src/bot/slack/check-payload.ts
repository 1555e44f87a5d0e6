import { z } from 'zod';

const id = z.string().min(1).max(100);

const commandSchema = z.object({
  command: z.string().min(1),
  user_id: id,
  channel_id: id,
  trigger_id: id,
  text: z.string().optional(),
});
const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id }),
  trigger_id: id,
  actions: z.array(z.object({ action_id: id, type: z.string() })).min(1),
});
const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id }),
  view: z.object({
    id,
    callback_id: z.string(),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
});
const eventSchema = z.object({
  type: z.literal('event_callback'),
  event_id: id,
  event: z.object({ type: z.string().min(1) }),
});

/** What to do with a verified request body: pass it to Bolt, answer 200 and drop it, or refuse it as malformed. */
export type PayloadVerdict = 'handle' | 'ignore' | 'malformed';

/**
 * Checks the shape of a verified Slack body before Bolt sees it, so a malformed payload gets a quick
 * 400 rather than a crash (500) or a three-second wait; kinds the bot does not use are acknowledged and dropped.
 */
export function checkPayload(body: unknown): PayloadVerdict {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'malformed';
  const b = body as Record<string, unknown>;
  if ('command' in b) return verdict(commandSchema, b);
  switch (b.type) {
    case 'block_actions':
      return verdict(blockActionsSchema, b);
    case 'view_submission':
      return verdict(viewSubmissionSchema, b);
    case 'event_callback':
      return verdict(eventSchema, b);
    case 'view_closed':
    case 'shortcut':
    case 'message_action':
    case 'block_suggestion':
    case 'app_rate_limited':
      return 'ignore';
    default:
      return 'malformed';
  }
}

function verdict(schema: z.ZodType, body: unknown): PayloadVerdict {
  return schema.safeParse(body).success ? 'handle' : 'malformed';
}
