import type { Reply } from '../views/reply.js';
import type { Idea } from '../domain/idea.js';
import type { Round } from '../domain/voting.js';
import type { Forum } from './forum-channels.js';

/** A change to a voting round that the forum channels should see. */
export interface RoundNotice {
  type: 'opened' | 'updated' | 'closed' | 'reminder';
  round: Round;
  idea: Idea;
  /** The forum message for the round as it stands when called (tallies if visible, buttons while open); call it when sending. */
  view: () => Promise<Reply>;
  /** For reminders: eligible people who have not voted yet. */
  remind?: string[];
}

/**
 * How the core reaches people outside the conversation they are in. Chat adapters implement it as
 * direct messages and forum posts; a composite routes each person id (`slack:`, `teams:`) to its platform.
 */
export interface Notifier {
  /** Sends a private direct message to one person. */
  direct(personId: string, message: Reply): Promise<void>;
  /** Posts, updates or closes a round's message in the forum channels, and sends reminders. */
  round(notice: RoundNotice): Promise<void>;
  /**
   * Posts a message in each forum channel (experts' and providers'; once where they are one channel), or
   * in one forum's channel when `forum` is given.
   */
  forums(message: Reply, forum?: Forum): Promise<void>;
  /** Posts a message in a platform-qualified channel (`slack:C1`, `teams:<conversation id>`); other platforms' ids are ignored. */
  channel(channelId: string, message: Reply): Promise<void>;
}

/** A notifier that records what it was asked to send; used locally and in tests. */
export class RecordingNotifier implements Notifier {
  readonly directs: { personId: string; message: Reply }[] = [];
  readonly rounds: RoundNotice[] = [];
  readonly forumPosts: Reply[] = [];
  /** Which forum each of `forumPosts` was for (`all` when both). */
  readonly forumTargets: (Forum | 'all')[] = [];
  readonly channelPosts: { channelId: string; message: Reply }[] = [];

  async direct(personId: string, message: Reply): Promise<void> {
    this.directs.push({ personId, message });
  }

  async round(notice: RoundNotice): Promise<void> {
    this.rounds.push(notice);
  }

  async forums(message: Reply, forum?: Forum): Promise<void> {
    this.forumPosts.push(message);
    this.forumTargets.push(forum ?? 'all');
  }

  async channel(channelId: string, message: Reply): Promise<void> {
    this.channelPosts.push({ channelId, message });
  }
}

/** Sends every notice to each of several notifiers (one per platform); one failing does not stop the others. */
export class FanOutNotifier implements Notifier {
  constructor(
    private readonly targets: Notifier[],
    private readonly onError: (error: unknown) => void,
  ) {}

  async direct(personId: string, message: Reply): Promise<void> {
    await Promise.all(this.targets.map((t) => t.direct(personId, message).catch(this.onError)));
  }

  async round(notice: RoundNotice): Promise<void> {
    await Promise.all(this.targets.map((t) => t.round(notice).catch(this.onError)));
  }

  async forums(message: Reply, forum?: Forum): Promise<void> {
    await Promise.all(this.targets.map((t) => t.forums(message, forum).catch(this.onError)));
  }

  async channel(channelId: string, message: Reply): Promise<void> {
    await Promise.all(this.targets.map((t) => t.channel(channelId, message).catch(this.onError)));
  }
}
