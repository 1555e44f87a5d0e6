import { describe, expect, it } from 'vitest';
import { KeyedCoalescer } from '../../src/workflows/keyed-coalescer.js';

/** A promise and the function that settles it, to hold a job in flight. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('KeyedCoalescer', () => {
  it('turns a burst into the job in flight plus the newest, in order, and resolves each once it is covered', async () => {
    const sent: number[] = [];
    const hold = gate();
    const queues = new KeyedCoalescer(() => {});
    const first = queues.run('post-1', async () => {
      await hold.opened;
      sent.push(1);
    });
    const replaced = [2, 3, 4].map((n) => queues.run('post-1', async () => void sent.push(n)));
    const last = queues.run('post-1', async () => void sent.push(5));
    const seenWhenReplacedResolved = Promise.all(replaced).then(() => [...sent]);
    hold.open();
    await Promise.all([first, last]);
    expect(sent).toEqual([1, 5]);
    // A replaced job's caller hears only once the newer job that stands for it has run.
    expect(await seenWhenReplacedResolved).toEqual([1, 5]);
  });

  it('collapses 100 requests into one run in flight and one trailing run', async () => {
    let runs = 0;
    const queues = new KeyedCoalescer(() => {});
    const job = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await Promise.all(Array.from({ length: 100 }, () => queues.run('R-1', job)));
    expect(runs).toBe(2);
    await queues.run('R-1', job);
    expect(runs).toBe(3);
    await queues.idle();
  });

  it('keeps runs of one key at least the minimum interval apart, without holding back other keys', async () => {
    const starts: Record<string, number[]> = { 'R-1': [], 'R-2': [] };
    const queues = new KeyedCoalescer(() => {}, 100);
    const job = (key: string) => async () => void starts[key]?.push(Date.now());
    void queues.run('R-1', job('R-1'));
    void queues.run('R-2', job('R-2'));
    await queues.run('R-1', job('R-1'));
    expect(starts['R-1']).toHaveLength(2);
    expect((starts['R-1']?.[1] ?? 0) - (starts['R-1']?.[0] ?? 0)).toBeGreaterThanOrEqual(95);
    expect(starts['R-2']).toHaveLength(1);
    expect(starts['R-2']?.[0] ?? Infinity).toBeLessThan(starts['R-1']?.[1] ?? 0);
  });

  it('reports a failed job with its key, still runs the next ones, resolves its caller and is idle afterwards', async () => {
    const errors: [string, unknown][] = [];
    const queues = new KeyedCoalescer((key, error) => errors.push([key, error]));
    const failed = queues.run('a', async () => {
      throw new Error('429 for ever');
    });
    const sent: string[] = [];
    void queues.run('a', async () => void sent.push('a again'));
    void queues.run('b', async () => void sent.push('b'));
    await expect(failed).resolves.toBeUndefined();
    await queues.idle();
    expect(errors).toEqual([['a', new Error('429 for ever')]]);
    expect(sent.sort()).toEqual(['a again', 'b']);
  });
});
