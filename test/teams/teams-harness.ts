import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MountAdapter } from '../../src/ports/platform-adapter.js';
import { type RunningBot, startBot } from '../../src/app/start-bot.js';
import { createMountTeams } from '../../src/bot/teams/mount-teams.js';
import { type Logger, silentLogger } from '../../src/workflows/deps.js';
import { type ConnectorCall, FakeConnector } from '../support/fake-connector.js';
import { TestClock } from '../support/pilot-harness.js';

/** A started bot (Teams only) with a fake Bot Connector behind it. */
export interface TeamsHarness {
  bot: RunningBot;
  fake: FakeConnector;
  /** The bot's simulated clock. */
  clock: TestClock;
  /** POSTs an activity (or any body) to /api/messages; returns the HTTP answer and the Connector calls it caused. */
  send(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown; calls: ConnectorCall[] }>;
  close(): Promise<void>;
}

/** Backoff short enough for tests. */
export const FAST_RETRY = { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 };

/** Starts the real bot in local mode (unless `env` says otherwise) with a fresh data directory. */
export async function startTeamsHarness(
  env: Record<string, string> = {},
  adapters?: MountAdapter[],
  options: { logger?: Logger; dataDir?: string } = {},
): Promise<TeamsHarness> {
  const fake = await new FakeConnector().start();
  const clock = new TestClock();
  // A given data folder (one an earlier release wrote) is removed on close like a fresh one.
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'pilot-teams-')));
  const bot = await startBot({
    env: { PORT: '0', DATA_DIR: dataDir, PILOT_DEMO_DATA: 'false', PLAYGROUND: '0', ...env },
    scheduler: false,
    logger: options.logger ?? silentLogger,
    clock: clock.now,
    adapters: adapters ?? [createMountTeams({ retry: FAST_RETRY })],
  }).catch(async (error: unknown) => {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    bot,
    fake,
    clock,
    async send(body, headers = {}) {
      const start = fake.calls.length;
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      // Card refreshes run after the answer (as they do for Teams); wait for them so each step sees its own calls.
      for (const adapter of bot.adapters) await (adapter.notifier as { idle?: () => Promise<void> }).idle?.();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {}
      return { status: res.status, body: parsed, calls: fake.calls.slice(start) };
    },
    async close() {
      await bot.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One line a logger was given. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  context?: Record<string, unknown>;
}

/** A logger that keeps every line (a child's with its bindings), for tests that check what the operator is told. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const make = (bindings?: Record<string, unknown>): Logger => {
    const keep = (level: LogLine['level']) => (message: string, context?: Record<string, unknown>) => {
      lines.push({ level, message, context: bindings ? { ...bindings, ...context } : context });
    };
    return {
      info: keep('info'),
      warn: keep('warn'),
      error: keep('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return { lines, ...make() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

/** The Adaptive Card in a message the bot sent, or in an invoke answer. */
export function cardOf(messageOrInvokeBody: Json): Json {
  if (messageOrInvokeBody?.type === 'application/vnd.microsoft.card.adaptive') return messageOrInvokeBody.value;
  return messageOrInvokeBody?.attachments?.[0]?.content;
}

/** Markdown text as a person reads it: CommonMark backslash escapes of punctuation removed. */
export function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** All the words on a card (text blocks, facts, input labels, button titles) as shown, for assertions. */
export function cardText(card: Json): string {
  const out: string[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (typeof node.text === 'string') out.push(shown(node.text));
    if (typeof node.label === 'string') out.push(node.label);
    if (typeof node.title === 'string') out.push(node.title);
    if (typeof node.value === 'string' && node.type === 'Fact') out.push(shown(node.value));
    if (Array.isArray(node.facts)) for (const f of node.facts) out.push(`${shown(f.title)}: ${shown(f.value)}`);
    for (const key of ['body', 'items', 'actions', 'columns', 'choices']) if (node[key]) walk(node[key]);
  };
  walk(card);
  return out.join('\n');
}

/** Every button on a card (Action.Execute), anywhere in it. */
export function cardButtons(card: Json): Json[] {
  const found: Json[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Action.Execute') found.push(node);
    for (const key of ['body', 'items', 'actions', 'columns']) if (node[key]) walk(node[key]);
  };
  walk(card);
  return found;
}

/** The data of the button with this title (throws, listing the titles, if there is none). */
export function buttonData(card: Json, title: string): Json {
  const buttons = cardButtons(card);
  const button = buttons.find((b) => b.title === title);
  if (!button) throw new Error(`no button “${title}”; buttons: ${buttons.map((b) => b.title).join(', ')}`);
  return button.data;
}

/** The input ids of a form card. */
export function inputIds(card: Json): string[] {
  return (card?.body ?? []).filter((e: Json) => String(e.type).startsWith('Input.')).map((e: Json) => e.id);
}
