import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBot, startBot } from '../../src/app/start-bot.js';
import { type FakeSlack, type SlackCall, startFakeSlack } from '../support/fake-slack.js';
import {
  makeBlockAction,
  makeCommand,
  makeEvent,
  makeViewSubmission,
  modalValues,
  SIGNING_SECRET,
  signedHeaders,
  type Where,
} from './slack-payloads.js';
import { TestClock } from '../support/pilot-harness.js';

/** One line the bot logged: its level, its `msg`, and the rest of its fields (request id, `err`, ...). */
export interface LogLine {
  level: string;
  message: string;
  context?: Record<string, unknown>;
}

/** Reads one JSON line of the bot's logger. */
function readLogLine(json: string): LogLine {
  const {
    level,
    msg,
    time: _time,
    pid: _pid,
    hostname: _hostname,
    ...context
  } = JSON.parse(json) as Record<string, unknown>;
  return { level: String(level), message: String(msg), context };
}

/** A request the test sent, and where its answers can be found. */
export interface Sent {
  status: number;
  body: string;
  responseUrl: string;
  triggerId: string;
  channelId: string;
  /** How many Web API calls the fake had seen before this request. */
  since: number;
}

/** One answer to a request, as it reached the fake Slack. */
export interface Answer {
  kind: 'ephemeral' | 'public' | 'modal';
  call: SlackCall;
  text: string;
}

/** A real bot on a free port, pointed at a fresh fake Slack, with helpers that sign and send like Slack. */
export class SlackKit {
  private constructor(
    readonly bot: RunningBot,
    readonly fake: FakeSlack,
    private readonly dir: string,
    /** What the bot logged, read back from its JSON lines. */
    readonly logs: LogLine[],
    /** The JSON lines themselves, exactly as the bot's logger wrote them. */
    readonly logText: string[],
    /** The engine's simulated clock (Slack signatures still use the real time). */
    readonly clock: TestClock,
  ) {}

  static async start(
    env: Record<string, string> = {},
    options: Pick<Parameters<typeof startBot>[0], 'documents' | 'adapters'> & { clock?: TestClock } = {},
  ): Promise<SlackKit> {
    const fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'pilot-slack-'));
    // The bot's own logger (pino, with its redaction), writing to memory instead of stderr.
    const logs: LogLine[] = [];
    const logText: string[] = [];
    const logDestination = {
      write: (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          logText.push(line);
          logs.push(readLogLine(line));
        }
      },
    };
    const base = {
      PORT: '0',
      DATA_DIR: dir,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PILOT_ADMINS: 'slack:UADMIN',
      PILOT_DEMO_DATA: 'false',
    };
    const clock = options.clock ?? new TestClock();
    const bot = await startBot({
      env: { ...base, ...env },
      scheduler: false,
      logDestination,
      documents: options.documents,
      adapters: options.adapters,
      clock: clock.now,
    });
    return new SlackKit(bot, fake, dir, logs, logText, clock);
  }

  /** Posts a body to /slack/events, signed unless told otherwise. */
  async post(
    body: string,
    contentType: string,
    headers: Record<string, string> = signedHeaders(body),
  ): Promise<{ status: number; body: string }> {
    const res = await fetch(`${this.bot.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  /** Runs `/pilot <text>` as a user. */
  async command(userId: string, text: string, where: Partial<Where> = {}): Promise<Sent> {
    const w = this.where(userId, where);
    const since = this.fake.calls.length;
    const res = await this.post(makeCommand(text, w), 'application/x-www-form-urlencoded');
    return { ...res, responseUrl: w.responseUrl!, triggerId: w.triggerId!, channelId: w.channelId!, since };
  }

  /** Clicks a button (Slack action id and value) as a user. */
  async click(
    userId: string,
    button: { action_id: string; value: string },
    where: Partial<Where> & { viewType?: 'home' | 'modal'; messageTs?: string } = {},
  ): Promise<Sent> {
    const w = this.where(userId, where);
    const since = this.fake.calls.length;
    const res = await this.post(makeBlockAction(button, { ...where, ...w }), 'application/x-www-form-urlencoded');
    return { ...res, responseUrl: w.responseUrl!, triggerId: w.triggerId!, channelId: w.channelId!, since };
  }

  /** Submits a modal the bot opened, with field values; returns the HTTP answer (JSON when it holds errors). */
  async submit(
    userId: string,
    view: Record<string, unknown>,
    values: Record<string, string | string[] | undefined>,
    where: Partial<Where> = {},
  ): Promise<{ status: number; body: string; since: number }> {
    const since = this.fake.calls.length;
    const res = await this.post(
      makeViewSubmission(view, modalValues(view, values), this.where(userId, where)),
      'application/x-www-form-urlencoded',
    );
    return { ...res, since };
  }

  /** Delivers an Events API event. */
  async event(
    event: Record<string, unknown>,
    options: { eventId?: string; teamId?: string; retryNum?: number } = {},
  ): Promise<{ status: number; body: string }> {
    const body = makeEvent(event, options);
    const retry: Record<string, string> =
      options.retryNum === undefined
        ? {}
        : { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' };
    return this.post(body, 'application/json', { ...signedHeaders(body), ...retry });
  }

  /** Waits for the answer to a command or click: a response-URL post, a modal for its trigger, or a post in its channel. */
  answer(sent: Sent): Promise<Answer> {
    return this.fake.waitFor(() => {
      const response = this.fake.responses.find((r) => r.path === new URL(sent.responseUrl).pathname);
      if (response)
        return {
          kind: response.body.response_type === 'in_channel' ? 'public' : 'ephemeral',
          call: response,
          text: flatText(response.body),
        } as Answer;
      const later = this.fake.calls.slice(sent.since).filter((c) => c.outcome === 'ok');
      const modal = later.find((c) => c.method === 'views.open' && c.body.trigger_id === sent.triggerId);
      if (modal) return { kind: 'modal', call: modal, text: flatText(modal.body) } as Answer;
      const post = later.find(
        (c) => c.method === 'chat.postMessage' && c.body.channel === sent.channelId && !c.body.thread_ts,
      );
      return post ? ({ kind: 'public', call: post, text: flatText(post.body) } as Answer) : undefined;
    });
  }

  /** The view of the modal opened for a request. */
  async modal(sent: Sent): Promise<Record<string, unknown>> {
    const answer = await this.answer(sent);
    if (answer.kind !== 'modal') throw new Error(`expected a modal, got ${answer.kind}: ${answer.text}`);
    return answer.call.body.view as Record<string, unknown>;
  }

  /** Stops the bot and the fake; fails if the bot logged an error (a bug, or a Slack call that went wrong). */
  async close(): Promise<void> {
    await this.bot.close();
    await this.fake.close();
    rmSync(this.dir, { recursive: true, force: true });
    const errors = this.logs.filter((l) => l.level === 'error');
    if (errors.length > 0)
      throw new Error(
        `the bot logged errors:\n${errors.map((e) => `${e.message} ${JSON.stringify(e.context)}`).join('\n')}`,
      );
  }

  private where(userId: string, where: Partial<Where>): Where {
    return {
      userId,
      channelId: 'C1',
      responseUrl: this.fake.responseUrl(),
      triggerId: `trig.${Math.random().toString(36).slice(2)}`,
      ...where,
    };
  }
}

/** Every `text` string in a Slack body (fallback text, blocks, fields, views), joined by newlines. */
export function flatText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string' && key === 'text') out.push(v);
    else if (Array.isArray(v)) for (const item of v) walk(item);
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, k);
  };
  walk(value);
  return out.join('\n');
}

/** The buttons in a Slack body's blocks. */
export function buttonsIn(value: unknown): { action_id: string; value: string; text: string }[] {
  const blocks = ((value as { blocks?: unknown[] })?.blocks ?? []) as {
    type: string;
    elements?: { type: string; action_id: string; value: string; text: { text: string } }[];
  }[];
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? (b.elements ?? [])
          .filter((e) => e.type === 'button')
          .map((e) => ({ action_id: e.action_id, value: e.value, text: e.text.text }))
      : [],
  );
}

/** The button with this label, or a clear failure. */
export function button(value: unknown, label: string): { action_id: string; value: string } {
  const found = buttonsIn(value).find((b) => b.text === label);
  if (!found)
    throw new Error(
      `no button “${label}” in: ${buttonsIn(value)
        .map((b) => b.text)
        .join(', ')}`,
    );
  return found;
}
