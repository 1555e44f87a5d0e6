import { createHmac, randomUUID } from 'node:crypto';

/** The signing secret every Slack test bot is started with. */
export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** Slack's headers for a body, signed with the real HMAC (`v0:` + timestamp + body). */
export function signedHeaders(
  body: string,
  options: { secret?: string; timestamp?: number } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const digest = createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

/** Escapes text the way Slack does in slash-command text. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Common fields of who and where. */
export interface Where {
  userId: string;
  userName?: string;
  channelId?: string;
  teamId?: string;
  responseUrl?: string;
  triggerId?: string;
}

/** A slash command's form body, as Slack posts it (`text` as Slack sends it: already escaped). */
export function makeCommand(text: string, w: Where): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: w.teamId ?? 'T1',
    team_domain: 'council',
    channel_id: w.channelId ?? 'C1',
    channel_name: 'pilots',
    user_id: w.userId,
    user_name: w.userName ?? w.userId.toLowerCase(),
    command: '/pilot',
    text,
    api_app_id: 'A1',
    response_url: w.responseUrl ?? 'http://127.0.0.1:9/nowhere',
    trigger_id: w.triggerId ?? `trig.${randomUUID()}`,
  }).toString();
}

/** A button click (`block_actions`) as a `payload=` form body. */
export function makeBlockAction(
  button: { action_id: string; value: string },
  w: Where & { messageTs?: string; viewType?: 'home' | 'modal'; actionTs?: string },
): string {
  const inView = w.viewType !== undefined;
  return payload({
    type: 'block_actions',
    team: { id: w.teamId ?? 'T1', domain: 'council' },
    user: {
      id: w.userId,
      username: w.userName ?? w.userId.toLowerCase(),
      name: w.userName ?? w.userId.toLowerCase(),
      team_id: w.teamId ?? 'T1',
    },
    api_app_id: 'A1',
    trigger_id: w.triggerId ?? `trig.${randomUUID()}`,
    container: inView
      ? { type: 'view', view_id: 'V1' }
      : { type: 'message', message_ts: w.messageTs ?? '1.0', channel_id: w.channelId ?? 'C1', is_ephemeral: false },
    ...(inView
      ? { view: { id: 'V1', type: w.viewType, blocks: [] } }
      : {
          channel: { id: w.channelId ?? 'C1', name: 'pilots' },
          message: { ts: w.messageTs ?? '1.0' },
          response_url: w.responseUrl,
        }),
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'b1',
        value: button.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: w.actionTs ?? `${Date.now() / 1000}`,
      },
    ],
  });
}

/** A modal submission as a `payload=` form body; `view` is the modal the bot opened, `values` its state. */
export function makeViewSubmission(
  view: Record<string, unknown>,
  values: Record<string, Record<string, unknown>>,
  w: Where,
): string {
  return payload({
    type: 'view_submission',
    team: { id: w.teamId ?? 'T1', domain: 'council' },
    user: {
      id: w.userId,
      username: w.userName ?? w.userId.toLowerCase(),
      name: w.userName ?? w.userId.toLowerCase(),
      team_id: w.teamId ?? 'T1',
    },
    api_app_id: 'A1',
    trigger_id: w.triggerId ?? `trig.${randomUUID()}`,
    view: { id: `V${randomUUID().slice(0, 8)}`, hash: 'h1', ...view, state: { values } },
  });
}

/** An Events API delivery (`event_callback`) as JSON. */
export function makeEvent(event: Record<string, unknown>, options: { eventId?: string; teamId?: string } = {}): string {
  return JSON.stringify({
    token: 'deprecated',
    team_id: options.teamId ?? 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomUUID().slice(0, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}

/** `view.state.values` for a modal's input blocks: each given field id gets a value in its element's shape. */
export function modalValues(
  view: { blocks?: unknown[] },
  given: Record<string, string | string[] | undefined>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const raw of view.blocks ?? []) {
    const block = raw as { type: string; block_id: string; element: { type: string; action_id: string } };
    if (block.type !== 'input') continue;
    const value = given[block.block_id];
    const type = block.element.type;
    const state: Record<string, unknown> = { type };
    if (type === 'static_select') state.selected_option = typeof value === 'string' ? { value } : null;
    else if (type === 'multi_static_select' || type === 'checkboxes')
      state.selected_options = (Array.isArray(value) ? value : value ? [value] : []).map((v) => ({ value: v }));
    else if (type === 'datepicker') state.selected_date = typeof value === 'string' ? value : null;
    else state.value = typeof value === 'string' ? value : null;
    out[block.block_id] = { [block.element.action_id]: state };
  }
  return out;
}

function payload(body: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(body) }).toString();
}
