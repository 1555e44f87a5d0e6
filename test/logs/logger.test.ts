import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, secretsIn } from '../../src/app/logger.js';
import { boltLogger } from '../../src/bot/slack/bolt-logger.js';
import { loadSettings, type LogLevel } from '../../src/config/settings.js';

/** The bot's logger writing to memory: every line it wrote, as text and parsed. */
function capture(options: { level?: LogLevel; secrets?: string[] } = {}) {
  const text: string[] = [];
  const logger = createLogger({ ...options, destination: { write: (line: string) => void text.push(line) } });
  const lines = () => text.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, text, lines };
}

function failDeepInside(): never {
  throw new Error('the disk is full', { cause: new Error('ENOSPC') });
}

describe('the log format', () => {
  it('writes one JSON object per line, with level, time and msg, then the context and a child’s bindings', () => {
    const { logger, text, lines } = capture();
    logger.info('demo pipeline loaded', { ideas: 3 });
    logger.child({ requestId: 'trig.123' }).warn('Slack request refused: payload has an unexpected shape');
    expect(text.every((line) => line.endsWith('\n') && line.trim().split('\n').length === 1)).toBe(true);
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', time: expect.any(String), msg: 'demo pipeline loaded', ideas: 3 }),
      expect.objectContaining({ level: 'warn', requestId: 'trig.123', msg: expect.stringContaining('refused') }),
    ]);
    expect(Number.isNaN(Date.parse(String(lines()[0]?.time)))).toBe(false);
  });

  it('logs an error with its type, message, code, stack (naming where it was thrown) and cause', () => {
    const { logger, lines } = capture();
    try {
      failDeepInside();
    } catch (error) {
      Object.assign(error as Error, { code: 'E_FULL' });
      logger.error('scheduled job failed', { jobId: 'J-1', err: error });
    }
    const err = lines()[0]?.err as Record<string, string>;
    expect(err).toMatchObject({ type: 'Error', message: 'the disk is full: ENOSPC', code: 'E_FULL' });
    expect(err.stack).toMatch(/^Error: the disk is full\n\s+at failDeepInside \(.*logger\.test\.ts:\d+:\d+\)/);
    expect(err.stack).toContain('caused by: Error: ENOSPC');
  });

  it('says what a thrown non-error was: a string, a number, undefined, an object (by its field names)', () => {
    const { logger, lines } = capture();
    for (const thrown of ['just words', 42, undefined, { ballot: 'oppose', voter: 'slack:U1' }])
      logger.warn('could not store a Teams conversation reference', { err: thrown });
    expect(lines().map((l) => l.err)).toEqual([
      { type: 'string', message: 'just words' },
      { type: 'number', message: '42' },
      { type: 'undefined', message: 'undefined' },
      { type: 'object', message: '[object Object] with fields: ballot, voter' },
    ]);
  });

  it('leaves out an error’s bodies and documents (an HTTP request’s, a driver’s), keeping nested errors', () => {
    const { logger, text } = capture();
    const sent = JSON.stringify({ recipient: { id: '29:erin' }, text: 'Your current vote on IP-1: oppose' });
    const failure = Object.assign(new Error('Request failed with status code 429'), {
      status: 429,
      data: sent,
      config: { data: sent, headers: { Authorization: 'Bearer abc' } },
      original: Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET', body: sent }),
    });
    logger.warn('could not reach the person privately in Teams; answering in the thread', {
      personId: 'teams:aad-erin',
      err: failure,
    });
    const err = (JSON.parse(text[0] ?? '{}') as { err: Record<string, unknown> }).err;
    expect(Object.keys(err).sort()).toEqual(['message', 'original', 'stack', 'status', 'type']);
    expect(err.original).toMatchObject({ type: 'TypeError', code: 'ECONNRESET' });
    expect(text[0]).not.toContain('oppose');
    expect(text[0]).not.toContain('Bearer');
  });

  it('redacts secrets by key, at the top of the context, one level down and in headers', () => {
    const { logger, text } = capture();
    logger.info('calling out', {
      token: 'tok-1',
      slack: { botToken: 'xoxb-2', signingSecret: 'sig-3' },
      headers: { authorization: 'Bearer 4', Cookie: 'session=5' },
      teams: { clientSecret: 'cs-6', password: 'pw-7' },
    });
    const line = text[0] ?? '';
    for (const secret of ['tok-1', 'xoxb-2', 'sig-3', 'Bearer 4', 'session=5', 'cs-6', 'pw-7'])
      expect(line).not.toContain(secret);
    expect(line.split(REDACTED).length - 1).toBe(7);
  });

  it('masks a secret’s value wherever it appears: the message, an error’s message and stack, any field', () => {
    const secret = 'xoxb-1111-2222-ABCDEFGHIJ';
    const quoted = 'pa"ss\\word-99';
    const { logger, text, lines } = capture({ secrets: [secret, quoted] });
    const error = new Error(`invalid_auth for ${secret}`);
    logger.error(`call with ${secret} failed`, { err: error, url: `https://x.example/?t=${secret}`, note: quoted });
    logger.child({ bearer: secret }).info('child line');
    for (const line of text) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain(JSON.stringify(quoted).slice(1, -1));
    }
    const [first, second] = lines();
    expect(first).toMatchObject({ msg: `call with ${REDACTED} failed`, note: REDACTED });
    expect((first?.err as { stack: string }).stack).toContain(`Error: invalid_auth for ${REDACTED}\n`);
    expect(second).toMatchObject({ bearer: REDACTED });
  });

  it('keeps the lines at or above LOG_LEVEL, and none when it is silent', () => {
    const warn = capture({ level: 'warn' });
    warn.logger.info('not kept');
    warn.logger.warn('kept');
    warn.logger.child({ requestId: 'r' }).error('kept too');
    expect(warn.lines().map((l) => l.msg)).toEqual(['kept', 'kept too']);
    const silent = capture({ level: 'silent' });
    silent.logger.error('not kept');
    expect(silent.text).toEqual([]);
  });
});

describe('Bolt’s own lines', () => {
  it('go to the same log, an error Bolt passes with its stack; its debug lines (whole request bodies) never do', () => {
    const { logger, lines } = capture({ level: 'debug' });
    const bolt = boltLogger(logger);
    bolt.debug('{"type":"block_actions","user":{"id":"U1"},"actions":[{"value":"{\\"choice\\":\\"oppose\\"}"}]}');
    bolt.warn('http request failed', 'connect ECONNREFUSED');
    bolt.error('Slack API error: channel_not_found', new Error('An API error occurred: channel_not_found'));
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'slack: http request failed connect ECONNREFUSED' }),
      expect.objectContaining({
        level: 'error',
        msg: 'slack: Slack API error: channel_not_found',
        err: expect.objectContaining({
          message: 'An API error occurred: channel_not_found',
          stack: expect.stringContaining('logger.test.ts'),
        }),
      }),
    ]);
  });
});

describe('which values are secret', () => {
  it('takes every setting named like a secret, and the password in MONGODB_URI (as written and decoded)', () => {
    const secrets = secretsIn({
      SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef',
      SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
      SLACK_APP_TOKEN: 'xapp-1-A111-222-abc',
      clientSecret: 'Q~entra.client-secret_value',
      MONGODB_URI: 'mongodb+srv://pilot:p%40ssw0rd-long@cluster0.example.net/pilot',
      PILOT_BOARD_SECRET: 'board-signing-secret-123',
      SLACK_TEAM_ID: 'T0123456789',
      PILOT_PUBLIC_URL: 'https://bot.example.org',
      SHORT_TOKEN: 'abc',
    });
    expect(secrets.sort()).toEqual(
      [
        'xoxb-1234-5678-abcdef',
        '8f742231b10e8888abcd99yyyzzz85a5',
        'xapp-1-A111-222-abc',
        'Q~entra.client-secret_value',
        'p%40ssw0rd-long',
        'p@ssw0rd-long',
        'board-signing-secret-123',
      ].sort(),
    );
  });

  it('LOG_LEVEL is info by default, and a bad value stops start-up naming it', () => {
    expect(loadSettings({}).logLevel).toBe('info');
    expect(loadSettings({ LOG_LEVEL: 'error' }).logLevel).toBe('error');
    expect(() => loadSettings({ LOG_LEVEL: 'loud' })).toThrow(/^Bad setting LOG_LEVEL: use one of debug, info/);
  });
});
