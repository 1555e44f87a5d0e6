interface Waiting {
  job: () => Promise<void>;
  /** The callers this job stands for: its own, and those of the jobs it replaced. */
  done: (() => void)[];
}

interface Queue {
  waiting?: Waiting;
  drained: Promise<void>;
}

/**
 * Runs jobs one at a time per key, and of the jobs queued behind the one in flight only the newest: a
 * burst of requests becomes the run in flight plus one trailing run (500 votes, a handful of message
 * updates), and since runs of one key never overlap and the newest always wins, an older tally never
 * overwrites a newer one. Runs of one key start at least `minIntervalMs` apart; a failing job is
 * reported to `onError` and the next one still runs.
 */
export class KeyedCoalescer {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly onError: (key: string, error: unknown) => void,
    private readonly minIntervalMs = 0,
  ) {}

  /**
   * Queues `job` for `key`, replacing a job still waiting there; starts it at once when nothing of
   * `key` is in flight. Never rejects: resolves once `job`, or a newer job that replaced it, has run.
   */
  run(key: string, job: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.waiting = { job, done: [...(queue.waiting?.done ?? []), resolve] };
        return;
      }
      // In the map before the drain starts, so a job that queues another for its own key joins this drain.
      const fresh: Queue = { waiting: { job, done: [resolve] }, drained: Promise.resolve() };
      this.queues.set(key, fresh);
      fresh.drained = this.drain(key, fresh);
    });
  }

  /** Resolves when no job is waiting or in flight (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()].map((q) => q.drained));
  }

  private async drain(key: string, queue: Queue): Promise<void> {
    try {
      for (let next = queue.waiting; next; next = queue.waiting) {
        queue.waiting = undefined;
        const started = Date.now();
        try {
          await next.job();
        } catch (error) {
          this.onError(key, error);
        }
        for (const done of next.done) done();
        const wait = started + this.minIntervalMs - Date.now();
        if (queue.waiting && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    } finally {
      // Runs in the same tick as the last check above, so no job can slip in between.
      this.queues.delete(key);
    }
  }
}
