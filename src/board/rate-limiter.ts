/**
 * A fixed-window limit per key (an address): at most `limit` tries per `windowMs`. Kept in memory, so each
 * replica counts its own tries; with N replicas a client gets at most N times the limit, which still makes
 * guessing a 256-bit signed token hopeless. Old windows are dropped as the map grows.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => Date,
  ) {}

  /** True when `key` has used up its window (nothing is counted). */
  blocked(key: string): boolean {
    const window = this.windows.get(key);
    return !!window && this.clock().getTime() - window.start < this.windowMs && window.count >= this.limit;
  }

  /** Counts a try for `key`; false when the key has used up its window. */
  allow(key: string): boolean {
    const now = this.clock().getTime();
    if (this.windows.size > 10_000) this.prune(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    window.count++;
    return window.count <= this.limit;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
