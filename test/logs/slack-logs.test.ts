import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIdea } from '../slack/seed.js';
import { SlackKit } from '../slack/slack-kit.js';
import { makeCommand, SIGNING_SECRET, signedHeaders } from '../slack/slack-payloads.js';

/** The bot token this bot is started with: it must never be written to a log. */
const BOT_TOKEN = 'xoxb-4242-4242-TOKENSHOULDNEVERBELOGGED';
const FORM = 'application/x-www-form-urlencoded';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let kit: SlackKit;

beforeAll(async () => {
  kit = await SlackKit.start({ SLACK_BOT_TOKEN: BOT_TOKEN });
  await seedIdea(kit, 'slack:USUB', 'Reabling homecare');
});
afterAll(async () => kit.close());

/** The parsed lines logged since `since`, with a message matching `msg`. */
const linesSince = (since: number, msg: RegExp) => kit.logs.slice(since).filter((l) => msg.test(l.message));

/** Takes an error line this test caused out of the kit's log, as SlackKit fails on logged errors. */
function expected(line: { level: string } | undefined): void {
  if (line) kit.logs.splice(kit.logs.indexOf(line as never), 1);
}

describe('logs as JSON lines, with secrets kept out', () => {
  it('a forged request is logged under a request id of its own, without the signing secret', async () => {
    const since = kit.logs.length;
    const body = makeCommand('help', { userId: 'U1' });
    const res = await kit.post(body, FORM, signedHeaders(body, { secret: 'someone-elses-secret' }));
    expect(res.status).toBe(401);
    const [line] = linesSince(since, /signature mismatch/);
    expect(line?.context?.requestId).toMatch(UUID);
  });

  it('a bug is logged with its stack and the request’s id; a token in its message is redacted', async () => {
    const store = kit.bot.store;
    const getIdea = store.getIdea.bind(store);
    store.getIdea = function getIdeaFromAFailingDisk(): never {
      store.getIdea = getIdea;
      throw new Error(`read failed: the store answered 'Bearer ${BOT_TOKEN}' is not allowed`);
    };
    const since = kit.logs.length;
    const sent = await kit.command('UALI', 'show IP-1');
    const answer = await kit.answer(sent);
    const reference = /reference ([0-9a-f]{8})/.exec(answer.text)?.[1];
    expect(reference).toBeDefined();

    const [line] = linesSince(since, /^unexpected failure$/);
    expected(line);
    expect(line).toMatchObject({ level: 'error', context: { reference, requestId: sent.triggerId } });
    const err = line?.context?.err as { type: string; message: string; stack: string };
    expect(err.type).toBe('Error');
    expect(err.message).toBe("read failed: the store answered 'Bearer [redacted]' is not allowed");
    expect(err.stack).toMatch(
      /^Error: read failed: .*\n\s+at .*getIdeaFromAFailingDisk .*slack-logs\.test\.ts:\d+:\d+/,
    );
  });

  it('a Slack API error naming the token is logged without it, and without the response it came with', async () => {
    kit.fake.failOnce('views.open', `token_revoked: ${BOT_TOKEN}`);
    const since = kit.logs.length;
    const sent = await kit.command('USUB', 'submit Rural support');
    await kit.answer(sent);
    const [line] = linesSince(since, /^Slack form could not be opened$/);
    expect(line).toMatchObject({ level: 'warn', context: { requestId: sent.triggerId } });
    expect(line?.context?.err).toMatchObject({
      code: 'slack_webapi_platform_error',
      message: 'An API error occurred: token_revoked: [redacted]',
    });
    expect(Object.keys(line?.context?.err as object)).not.toContain('data');
  });

  it('no line holds the bot token or the signing secret, and every line is JSON with level, time and msg', () => {
    expect(kit.logText.length).toBeGreaterThan(3);
    for (const text of kit.logText) {
      expect(text).not.toContain(BOT_TOKEN);
      expect(text).not.toContain(SIGNING_SECRET);
      expect(JSON.parse(text)).toMatchObject({
        level: expect.stringMatching(/^(info|warn|error)$/),
        time: expect.any(String),
        msg: expect.any(String),
      });
    }
    expect(kit.logText.filter((text) => text.includes('[redacted]'))).toHaveLength(2);
  });
});
