import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/app/http-app.js';
import { startBot } from '../../src/app/start-bot.js';
import type { MountAdapter } from '../../src/ports/platform-adapter.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { silentLogger, type Logger } from '../../src/workflows/deps.js';
import type { Notifier } from '../../src/workflows/notifier.js';
import { TestClock } from '../support/pilot-harness.js';

const never = () => new Promise<never>(() => {});

/** A platform whose notifier never settles: each message hangs, and so does waiting for them (as with Slack retrying). */
const stuckPlatform: MountAdapter = async () => ({
  name: 'stuck',
  notifier: { direct: never, round: never, forums: never } as unknown as Notifier,
  close: never,
});

/** A logger that keeps its lines. */
function recordingLogger(lines: { level: string; message: string }[]): Logger {
  const logger: Logger = {
    info: (message) => void lines.push({ level: 'info', message }),
    warn: (message) => void lines.push({ level: 'warn', message }),
    error: (message) => void lines.push({ level: 'error', message }),
    child: () => logger,
  };
  return logger;
}

describe('close() and its deadline (PILOT_SHUTDOWN_SECONDS)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pilot-close-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const env = (seconds: string) => ({
    PORT: '0',
    DATA_DIR: dir,
    PILOT_DEMO_DATA: 'false',
    PLAYGROUND: 'false',
    PILOT_SHUTDOWN_SECONDS: seconds,
  });

  it('resolves at the deadline when a notifier never settles, warns, closes the store and stops listening', async () => {
    const lines: { level: string; message: string }[] = [];
    const bot = await startBot({
      env: env('0.5'),
      adapters: [stuckPlatform],
      logger: recordingLogger(lines),
      clock: new TestClock().now,
    });
    expect(bot.shuttingDown).toBe(false);
    const started = Date.now();
    const closing = bot.close();
    expect(bot.shuttingDown).toBe(true);
    expect(bot.close()).toBe(closing);
    await closing;
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(2_000);
    expect(lines.some((l) => l.level === 'warn' && /shutdown deadline passed/.test(l.message))).toBe(true);
    await expect(bot.store.ping()).rejects.toThrow();
    await expect(fetch(`${bot.url}/healthz`)).rejects.toThrow();
    // The data folder is free again: another process could open it now.
    const reopened = await EmbeddedStore.open(dir);
    await reopened.close();
  });

  it('does not wait for the deadline when nothing is in flight', async () => {
    const bot = await startBot({ env: env('30'), logger: silentLogger, clock: new TestClock().now });
    const started = Date.now();
    await bot.close();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('/healthz and /readyz', () => {
  it('/readyz answers 503 once a shutdown is under way while /healthz still answers 200', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pilot-ready-'));
    const store = await EmbeddedStore.open(dir);
    let stopping = false;
    const server = createHttpApp(store, silentLogger, () => stopping).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      stopping = true;
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ok: false, shuttingDown: true });
      expect(ready.headers.get('connection')).toBe('close');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
