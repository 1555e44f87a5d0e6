interface Pending {
  send: () => Promise<void>;
  done: () => void;
}

/**
 * Sends card updates one at a time per message, newest first: while one update is in flight, later
 * ones replace each other, so a burst of votes becomes a few refreshes instead of hundreds (Teams
 * throttles a bot that edits one message too often) and an older tally never overwrites a newer one.
 */
export class CardRefresher {
  private readonly waiting = new Map<string, Pending>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Queues `send` for the message `key`; resolves once it has run or a newer update replaced it. */
  refresh(key: string, send: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.get(key)?.done();
      this.waiting.set(key, { send, done: resolve });
      if (!this.running.has(key)) this.running.set(key, this.drain(key));
    });
  }

  /** Resolves when no update is waiting or in flight (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  private async drain(key: string): Promise<void> {
    try {
      for (let next = this.waiting.get(key); next; next = this.waiting.get(key)) {
        this.waiting.delete(key);
        await next.send().catch(this.onError);
        next.done();
      }
    } finally {
      // Runs in the same tick as the last check above, so no update can slip in between.
      this.running.delete(key);
    }
  }
}
