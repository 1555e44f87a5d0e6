import { afterEach, describe, expect, it } from 'vitest';
import { createPilot } from '../../src/app/create-pilot.js';
import { RecordingNotifier } from '../../src/workflows/notifier.js';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { WEEKLY_DIGEST_JOB_ID } from '../../src/workflows/weekly-digest.js';
import { allCriteriaMet, type Harness, makeHarness, submitIdea, TestClock, textOf } from '../support/pilot-harness.js';

let h: Harness;
afterEach(async () => h?.cleanup());

describe('due (engine level)', () => {
  it('refuses an idea that has ended, and another PM’s idea, in plain words', async () => {
    h = await makeHarness();
    const id = await submitIdea(h);
    await h.as('slack:UPM', allCriteriaMet(id), ['pm']);
    await h.as('slack:UPM', `advance ${id}`);
    const other = await h.as('slack:UPM2', `due ${id} 2026-12-31`, ['pm']);
    expect(other.text).toContain(`${id} is looked after by`);
    expect(other.text).toContain('Please ask them');
    await h.as('slack:UPM', `reject ${id} Not for now`);
    expect((await h.as('slack:UPM', `due ${id} 2026-12-31`)).text).toContain('is rejected, so it has no stage');
    expect((await h.as('slack:UPM', 'due IP-99 2026-12-31')).text).toContain('There is no idea IP-99');
  });
});

describe('the weekly digest across the clocks going back (engine level, two engines, one store)', () => {
  it('is sent once, at 09:00 GMT (not 08:00) on the Monday after BST ends', async () => {
    const clock = new TestClock(new Date('2026-10-21T12:00:00Z'));
    h = await makeHarness({ stageDays: { longlist: 2 } }, undefined, clock);
    await h.as('slack:UPM', 'roles', ['pm']);
    const id = await submitIdea(h);
    const second = await createPilot({ store: h.store, rules: h.pilot.deps.rules, clock: clock.now });
    const otherNotifier = new RecordingNotifier();
    second.addNotifier(otherNotifier);
    expect((await h.store.getJob(WEEKLY_DIGEST_JOB_ID))?.dueAt).toBe('2026-10-26T09:00:00.000Z');
    const both = () =>
      Promise.all([runDueJobs(h.pilot.deps, h.pilot.voting, 'a'), runDueJobs(second.deps, second.voting, 'b')]);
    const digests = () =>
      [...h.notifier.directs, ...otherNotifier.directs].filter((d) => d.message.text.startsWith('Weekly digest'));
    clock.current = new Date('2026-10-26T08:00:00Z'); // 08:00 GMT: what would have been 09:00 in BST
    await both();
    expect(digests()).toHaveLength(0);
    clock.current = new Date('2026-10-26T09:00:00Z'); // 09:00 GMT
    await both();
    await both();
    expect(digests()).toHaveLength(1);
    expect(digests()[0]!.personId).toBe('slack:UPM');
    // The longlist's two days (set in the rules) ran out on 23 October.
    expect(textOf(digests()[0]!.message)).toContain(
      `${id} · Reablement home care service · 1. Longlist · overdue since 23 October 2026`,
    );
    expect((await h.store.getJob(WEEKLY_DIGEST_JOB_ID))?.dueAt).toBe('2026-11-02T09:00:00.000Z');
  });
});
