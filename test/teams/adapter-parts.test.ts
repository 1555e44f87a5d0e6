import { Activity } from '@microsoft/agents-activity';
import { describe, expect, it } from 'vitest';
import { readCommandText } from '../../src/bot/teams/read-command-text.js';
import { withBackoff } from '../../src/bot/teams/retrying-adapter.js';
import { baseConversationId, callerOf } from '../../src/bot/teams/teams-identity.js';
import { BOT, channel, makeMessage, makeUser, personalChat } from './make-activity.js';

const alice = makeUser('alice', 'Alice Jones');
const bob = makeUser('bob', 'Bob Patel');

describe('reading a Teams message as a command', () => {
  it('drops the bot’s @mention and a leading “pilot”, and names other people by id', async () => {
    const activity = Activity.fromObject(
      makeMessage('http://x/', alice, channel('general'), 'pilot role <at>Bob Patel</at> expert', [bob]),
    );
    expect(await readCommandText(activity)).toBe(`role ${bob.personId} expert`);
  });

  it('decodes the HTML bits Teams sends', async () => {
    const activity = Activity.fromObject({
      ...makeMessage('http://x/', alice, personalChat(alice), ''),
      text: '<p>comment IP-1 Fish &amp; chips&nbsp;Friday</p>',
    });
    expect(await readCommandText(activity)).toBe('comment IP-1 Fish & chips Friday');
  });

  it('leaves the bot’s own mention out even when the SDK has not removed it', async () => {
    const activity = Activity.fromObject({
      ...makeMessage('http://x/', alice, channel('g'), 'list'),
      text: `<at>${BOT.name}</at> list mine`,
    });
    expect(await readCommandText(activity)).toBe('list mine');
  });
});

describe('who and where', () => {
  it('uses the channel, not the thread, and marks personal chats', () => {
    expect(baseConversationId('19:abc@thread.tacv2;messageid=1700')).toBe('19:abc@thread.tacv2');
    const inThread = callerOf(
      Activity.fromObject(makeMessage('http://x/', alice, channel('general', '1700'), 'help')),
      false,
    );
    expect(inThread).toEqual({
      personId: alice.personId,
      displayName: 'Alice Jones',
      platform: 'teams',
      channelId: 'teams:19:general@thread.tacv2',
    });
    expect(
      callerOf(Activity.fromObject(makeMessage('http://x/', alice, personalChat(alice), 'help')), false)?.channelId,
    ).toBe(`teams:${personalChat(alice).id}:dm`);
  });
});

describe('backoff on 429', () => {
  const throttled = (retryAfter?: string) =>
    Object.assign(new Error('429'), {
      status: 429,
      response: { headers: new Headers(retryAfter ? { 'retry-after': retryAfter } : {}) },
    });

  it('waits as Teams asks (Retry-After) and tries again', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withBackoff(
      async () => {
        calls++;
        if (calls < 3) throw throttled(calls === 1 ? '2' : undefined);
        return 'sent';
      },
      { attempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('sent');
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThanOrEqual(160);
    expect(waits[1]).toBeLessThanOrEqual(240);
  });

  it('stops after the last attempt, and never retries other failures', async () => {
    let calls = 0;
    const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };
    await expect(
      withBackoff(async () => {
        calls++;
        throw throttled();
      }, policy),
    ).rejects.toThrow('429');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withBackoff(async () => {
        calls++;
        throw Object.assign(new Error('bad'), { status: 400 });
      }, policy),
    ).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });
});
