/**
 * Runs a job per key with at most one run in flight and one trailing run: touches that arrive while a
 * run is in flight collapse into a single rerun, so 500 vote clicks mean a handful of message updates.
 * Runs of one key start at least `minIntervalMs` apart (Slack's chat.update is rate-limited per workspace).
 */
export class CoalescingRunner {
  private readonly running = new Map<string, { dirty: boolean; done: Promise<void> }>();

  constructor(
    private readonly run: (key: string) => Promise<void>,
    private readonly onError: (key: string, error: unknown) => void,
    private readonly minIntervalMs = 0,
  ) {}

  /** Asks for a run; resolves when a run that started after this call has finished. */
  touch(key: string): Promise<void> {
    const current = this.running.get(key);
    if (current) {
      current.dirty = true;
      return current.done;
    }
    const entry = { dirty: true, done: Promise.resolve() };
    this.running.set(key, entry);
    entry.done = (async () => {
      try {
        while (entry.dirty) {
          entry.dirty = false;
          const started = Date.now();
          await this.run(key).catch((error: unknown) => this.onError(key, error));
          const wait = started + this.minIntervalMs - Date.now();
          if (entry.dirty && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
      } finally {
        this.running.delete(key);
      }
    })();
    return entry.done;
  }

  /** Resolves when nothing is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((e) => e.done));
  }
}
