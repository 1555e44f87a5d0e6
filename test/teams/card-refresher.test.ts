import { describe, expect, it } from 'vitest';
import { CardRefresher } from '../../src/bot/teams/card-refresher.js';

describe('CardRefresher', () => {
  it('turns a burst of refreshes into the one in flight plus the newest, in order', async () => {
    const sent: number[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const refresher = new CardRefresher(() => {});
    const first = refresher.refresh('post-1', async () => {
      await gate;
      sent.push(1);
    });
    const superseded = [2, 3, 4].map((n) => refresher.refresh('post-1', async () => void sent.push(n)));
    const last = refresher.refresh('post-1', async () => void sent.push(5));
    await Promise.all(superseded);
    release();
    await Promise.all([first, last]);
    expect(sent).toEqual([1, 5]);
  });

  it('keeps going after a failed update, reports it, and is idle afterwards', async () => {
    const errors: unknown[] = [];
    const refresher = new CardRefresher((error) => errors.push(error));
    void refresher.refresh('a', async () => {
      throw new Error('429 for ever');
    });
    const sent: string[] = [];
    void refresher.refresh('b', async () => void sent.push('b'));
    await refresher.idle();
    expect(errors).toHaveLength(1);
    expect(sent).toEqual(['b']);
  });
});
