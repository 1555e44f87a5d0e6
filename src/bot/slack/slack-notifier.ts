import { reminderText, roundResultText } from '../../views/round-views.js';
import type { Round } from '../../domain/voting.js';
import type { Idea } from '../../domain/idea.js';
import type { Logger } from '../../workflows/deps.js';
import { KeyedCoalescer } from '../../workflows/keyed-coalescer.js';
import type { Forum } from '../../workflows/forum-channels.js';
import type { Notifier, RoundNotice } from '../../workflows/notifier.js';
import type { Reply } from '../../views/reply.js';
import { postDirect, type SlackClient } from './deliver-reply.js';
import { renderMessage } from './render-blocks.js';
import { cmd } from '../../views/inline.js';

/** What the Slack notifier needs from the engine. */
export interface SlackNotifierDeps {
  client: SlackClient;
  logger: Logger;
  /** The forum channels (`slack:C…`) from the store settings: both forums', or one forum's. */
  forums(forum?: Forum): Promise<string[]>;
  recordPost(roundId: string, post: Round['posts'][number]): Promise<void>;
  /** The round as it stands now, and its forum message. */
  refresh(roundId: string): Promise<{ round: Round; idea: Idea; view: Reply }>;
  /** Least time between two updates of one round's messages (default 1 s). */
  updateIntervalMs?: number;
}

/**
 * The notifier port in Slack: direct messages to `slack:` people, the voting message in the forum
 * channels, its tallies kept up to date with `chat.update` (coalesced per round), the result in its
 * thread, and reminders as direct messages.
 */
export class SlackNotifier implements Notifier {
  private readonly updates: KeyedCoalescer;

  constructor(private readonly deps: SlackNotifierDeps) {
    // Runs of one round start at least updateIntervalMs apart: chat.update is rate-limited per workspace
    // (https://docs.slack.dev/apis/web-api/rate-limits).
    this.updates = new KeyedCoalescer(
      (roundId, error) => deps.logger.error('Slack vote message update failed', { roundId, err: error }),
      deps.updateIntervalMs ?? 1_000,
    );
  }

  async direct(personId: string, message: Reply): Promise<void> {
    const userId = slackUser(personId);
    if (userId) await postDirect(this.deps.client, userId, message);
  }

  async round(notice: RoundNotice): Promise<void> {
    switch (notice.type) {
      case 'opened':
        return this.postOpened(notice);
      case 'updated':
        // Not awaited: the voter's answer should not wait for the forum message.
        void this.touch(notice.round.id);
        return;
      case 'closed':
        await this.touch(notice.round.id);
        return this.postResult(notice.round.id);
      case 'reminder':
        return this.remind(notice);
    }
  }

  /** Posts a message in each Slack forum channel; a channel that refuses it is logged, and the others still get it. */
  async forums(message: Reply, forum?: Forum): Promise<void> {
    const rendered = renderMessage(message);
    for (const channel of await this.forumChannelIds(forum)) {
      try {
        await this.deps.client.chat.postMessage({ channel, ...rendered });
      } catch (error) {
        this.deps.logger.error('Slack forum post failed', { channel, err: error });
      }
    }
  }

  /** Posts a message in a `slack:` channel (a committee channel); other platforms' ids are not ours. */
  async channel(channelId: string, message: Reply): Promise<void> {
    const channel = slackChannelId(channelId);
    if (channel) await this.deps.client.chat.postMessage({ channel, ...renderMessage(message) });
  }

  /** Resolves when no message update is in flight (used on shutdown and in tests). */
  idle(): Promise<void> {
    return this.updates.idle();
  }

  /** Asks for the round's messages to be updated; resolves once an update that started after this call is sent. */
  private touch(roundId: string): Promise<void> {
    return this.updates.run(roundId, () => this.updatePosts(roundId));
  }

  /** The forum channels' raw Slack ids, each once (the two forums may be one channel). */
  private async forumChannelIds(forum?: Forum): Promise<string[]> {
    return [...new Set((await this.deps.forums(forum)).map(slackChannelId).filter((c): c is string => !!c))];
  }

  private async postOpened(notice: RoundNotice): Promise<void> {
    const channels = await this.forumChannelIds();
    if (channels.length === 0) {
      this.deps.logger.warn(
        `No Slack forum channel is set: an admin can run ${cmd('/pilot forum experts')} in the forum channel.`,
        { roundId: notice.round.id },
      );
      return;
    }
    const message = renderMessage(await notice.view());
    for (const channel of channels) {
      const posted = await this.deps.client.chat.postMessage({ channel, ...message });
      if (posted.ts)
        await this.deps.recordPost(notice.round.id, {
          platform: 'slack',
          channel: `slack:${posted.channel ?? channel}`,
          messageId: posted.ts,
        });
    }
  }

  private async updatePosts(roundId: string): Promise<void> {
    const { round, view } = await this.deps.refresh(roundId);
    const message = renderMessage(view);
    for (const post of slackPosts(round))
      await this.deps.client.chat.update({ channel: post.channel, ts: post.ts, ...message });
  }

  private async postResult(roundId: string): Promise<void> {
    const { round, idea } = await this.deps.refresh(roundId);
    const text = roundResultText(round, idea);
    for (const post of slackPosts(round))
      await this.deps.client.chat.postMessage({
        channel: post.channel,
        thread_ts: post.ts,
        ...renderMessage({ text, blocks: [{ kind: 'text', text }] }),
      });
  }

  private async remind(notice: RoundNotice): Promise<void> {
    const text = reminderText(notice.round, notice.idea);
    const view = await notice.view();
    const message: Reply = { visibility: 'private', text, blocks: [{ kind: 'text', text }, ...view.blocks] };
    const people = (notice.remind ?? []).map(slackUser).filter((u): u is string => !!u);
    const results = await Promise.allSettled(people.map((userId) => postDirect(this.deps.client, userId, message)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0)
      this.deps.logger.warn('Some Slack vote reminders were not delivered', { roundId: notice.round.id, failed });
  }
}

function slackUser(personId: string): string | undefined {
  return /^slack:[UW][A-Z0-9]+$/.test(personId) ? personId.slice(6) : undefined;
}

function slackChannelId(channel: string): string | undefined {
  return /^slack:[CGD][A-Z0-9]+$/.test(channel) ? channel.slice(6) : undefined;
}

function slackPosts(round: Round): { channel: string; ts: string }[] {
  return round.posts
    .filter((p) => p.platform === 'slack')
    .flatMap((p) => {
      const channel = slackChannelId(p.channel) ?? p.channel;
      return channel ? [{ channel, ts: p.messageId }] : [];
    });
}
