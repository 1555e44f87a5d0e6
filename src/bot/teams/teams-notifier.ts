import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import { KeyedCoalescer } from '../../workflows/keyed-coalescer.js';
import type { Forum } from '../../workflows/forum-channels.js';
import type { Notifier, RoundNotice } from '../../workflows/notifier.js';
import type { Reply } from '../../views/reply.js';
import { escapeMarkdown } from './card-text.js';
import { channelReferences, isReference } from './conversation-refs.js';
import { sendToPersonalChat } from './personal-chat.js';
import { inConversation } from './proactive.js';
import { cardFor, cardMessage, type TeamsDeps } from './reply-delivery.js';
import type { AgentIdentity, RetryingCloudAdapter } from './retrying-adapter.js';
import { reminderText } from '../../views/round-views.js';

/**
 * The core's notifier in Teams: direct messages as proactive 1:1 chats, and each voting round as a
 * card in the forum channels, updated as votes arrive and when the round closes.
 */
export class TeamsNotifier implements Notifier {
  // One refresh per card at a time, the newest next: Teams throttles a bot that edits one message too often.
  private readonly refresher = new KeyedCoalescer((_card, error) => this.failed('round update', 'forum', error));

  constructor(
    private readonly deps: TeamsDeps,
    private readonly adapter: RetryingCloudAdapter,
    private readonly identity: string | AgentIdentity,
  ) {}

  /** Sends a private message to a `teams:` person's 1:1 chat (other platforms' ids are not ours). */
  async direct(personId: string, message: Reply): Promise<void> {
    if (!personId.startsWith('teams:')) return;
    const person = await this.deps.pilot.deps.store.getPerson(personId);
    if (!isReference(person?.contact)) {
      this.deps.logger.warn('cannot message this person in Teams yet: they have not used the bot', { personId });
      return;
    }
    const contact = person.contact;
    const outgoing = cardMessage(await cardFor(message, this.deps), message.text);
    await inConversation(this.adapter, this.identity, contact, (_ctx, client) =>
      sendToPersonalChat(client, this.deps.pilot, personId, contact, outgoing),
    );
  }

  /** Posts, refreshes or closes a round's card in the Teams forum channels, and sends its reminders. */
  async round(notice: RoundNotice): Promise<void> {
    if (notice.type === 'reminder') {
      const text = reminderText(notice.round, notice.idea);
      const view = await notice.view();
      const reminder: Reply = {
        ...view,
        visibility: 'private',
        text,
        blocks: [{ kind: 'text', text }, ...view.blocks],
      };
      await Promise.all(
        (notice.remind ?? [])
          .filter((id) => id.startsWith('teams:'))
          .map((id) => this.direct(id, reminder).catch((error: unknown) => this.failed('reminder', id, error))),
      );
      return;
    }
    // Rendered when sent: a burst of votes coalesces into a few refreshes, and only those read the tally.
    const message = async () => {
      const view = await notice.view();
      return cardMessage(await cardFor(view, this.deps), view.text);
    };
    if (notice.type === 'opened') {
      const opened = await message();
      for (const channel of await this.forumChannels())
        await this.post(notice, channel, opened).catch((error: unknown) => this.failed('round post', channel, error));
      return;
    }
    const closing =
      notice.type === 'closed'
        ? `The vote on ${notice.idea.id} “${escapeMarkdown(notice.idea.title)}” has closed. The final result is on the card above.`
        : undefined;
    for (const post of notice.round.posts.filter((p) => p.platform === 'teams')) {
      const send = async () => this.update(post.channel, post.messageId, await message(), closing);
      const queued = this.refresher.run(`${post.channel}|${post.messageId}`, send);
      // A vote's refresh runs after the voter has their answer (Teams waits at most 5 s); the close is awaited.
      if (closing) await queued;
    }
  }

  /** Posts a card in each Teams forum channel; a channel that cannot be reached is logged, and the others still get it. */
  async forums(message: Reply, forum?: Forum): Promise<void> {
    await this.postIn(await this.forumChannels(forum), message, 'forum post');
  }

  /** Posts a card in a `teams:` channel the bot has been mentioned in (a committee channel); other ids are not ours. */
  async channel(channelId: string, message: Reply): Promise<void> {
    if (channelId.startsWith('teams:')) await this.postIn([channelId], message, 'channel post');
  }

  private async postIn(channels: string[], message: Reply, what: string): Promise<void> {
    if (channels.length === 0) return;
    const card = cardMessage(await cardFor(message, this.deps), message.text);
    for (const channel of channels) {
      try {
        const ref = await this.reference(channel);
        const id = ref.conversation.id;
        await inConversation(this.adapter, this.identity, ref, (_ctx, client) =>
          client.sendToConversation(id, outgoing(card, ref)),
        );
      } catch (error) {
        this.failed(what, channel, error);
      }
    }
  }

  /** Resolves when no card refresh is waiting or in flight. */
  idle(): Promise<void> {
    return this.refresher.idle();
  }

  private async forumChannels(forum?: Forum): Promise<string[]> {
    const one = forum ? await this.deps.pilot.forums.get(forum, 'teams') : null;
    const channels = forum ? (one ? [one] : []) : await this.deps.pilot.forums.all('teams');
    return channels.filter((c) => c.startsWith('teams:'));
  }

  private async reference(channel: string): Promise<ConversationReference> {
    const ref = await channelReferences(this.deps.pilot).get(channel.slice('teams:'.length));
    if (!isReference(ref))
      throw new Error(`no conversation reference for ${channel}: mention the bot once in that channel`);
    return ref;
  }

  private async post(notice: RoundNotice, channel: string, message: Record<string, unknown>): Promise<void> {
    const ref = await this.reference(channel);
    const id = ref.conversation.id;
    const sent = await inConversation(this.adapter, this.identity, ref, (_ctx, client) =>
      client.sendToConversation(id, outgoing(message, ref)),
    );
    if (sent?.id)
      await this.deps.pilot.voting.recordPost(notice.round.id, { platform: 'teams', channel, messageId: sent.id });
  }

  private async update(
    channel: string,
    messageId: string,
    message: Record<string, unknown>,
    closing?: string,
  ): Promise<void> {
    const ref = await this.reference(channel);
    const id = ref.conversation.id;
    await inConversation(this.adapter, this.identity, ref, async (_ctx, client) => {
      await client.updateActivity(id, messageId, outgoing({ ...message, id: messageId }, ref));
      // The close is also said in the round's thread, so people following it hear about the result.
      if (closing)
        await client.replyToActivity(
          id,
          messageId,
          outgoing({ type: 'message', text: closing, replyToId: messageId }, ref),
        );
    });
  }

  private failed(what: string, target: string, error: unknown): void {
    this.deps.logger.error(`Teams ${what} failed`, { target, err: error });
  }
}

/** An outgoing activity for a conversation we are not answering in (from, conversation, service set from the reference). */
function outgoing(message: Record<string, unknown>, ref: ConversationReference): Activity {
  return Activity.fromObject({
    ...message,
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    conversation: ref.conversation,
    from: ref.agent,
  });
}
