import { describe, expect, it } from 'vitest';
import { LEASE_CLOCK_SKEW_MS } from '../../../src/store/store.js';
import type { ContractContext } from '../store-contract.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const iso = (ms: number) => at(ms).toISOString();
const MIN = 60_000;
const SKEW = LEASE_CLOCK_SKEW_MS;

/** Scheduled jobs: due times, leases, completion by the lease owner, rescheduling. */
export function jobContract({ store }: ContractContext): void {
  describe('jobs', () => {
    const close = { id: 'close:R-1', kind: 'close_round', roundId: 'R-1', dueAt: iso(10 * MIN) } as const;

    it('claims a job only when due, and not while another holds its lease', async () => {
      await store().scheduleJob(close);
      expect(await store().getJob(close.id)).toEqual({ ...close, done: false });
      expect(await store().claimDueJob(at(9 * MIN), 'worker-a', MIN)).toBeNull();
      const claimed = await store().claimDueJob(at(10 * MIN), 'worker-a', MIN);
      expect(claimed).toEqual({ ...close, done: false, leaseOwner: 'worker-a', leaseUntil: iso(11 * MIN) });
      expect(await store().claimDueJob(at(10 * MIN + 1), 'worker-b', MIN)).toBeNull();
      expect(await store().getJob(close.id)).toEqual(claimed);
    });

    it('treats a lease as held until its end plus the clock-skew margin', async () => {
      await store().scheduleJob(close);
      await store().claimDueJob(at(10 * MIN), 'worker-a', MIN);
      // worker-b's clock may run up to SKEW ahead of worker-a's: at 11 min + SKEW - 1 by its clock,
      // worker-a's own clock may still read before 11 min, so its lease may still be running.
      expect(await store().claimDueJob(at(11 * MIN), 'worker-b', MIN)).toBeNull();
      expect(await store().claimDueJob(at(11 * MIN + SKEW - 1), 'worker-b', MIN)).toBeNull();
      expect(await store().claimDueJob(at(11 * MIN + SKEW), 'worker-b', MIN)).toMatchObject({ leaseOwner: 'worker-b' });
    });

    it('lets one of many concurrent claimers have a due job', async () => {
      await store().scheduleJob(close);
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store().claimDueJob(at(10 * MIN), `worker-${i}`, MIN)),
      );
      expect(claims.filter((c) => c !== null)).toHaveLength(1);
    });

    it('lets an expired lease be claimed again, and completes only for the lease owner', async () => {
      await store().scheduleJob(close);
      await store().claimDueJob(at(10 * MIN), 'worker-a', MIN);
      const retaken = await store().claimDueJob(at(11 * MIN + SKEW), 'worker-b', MIN);
      expect(retaken).toMatchObject({ leaseOwner: 'worker-b', leaseUntil: iso(12 * MIN + SKEW) });
      expect(await store().completeJob(close.id, 'worker-a')).toBe(false);
      expect(await store().completeJob(close.id, 'worker-b')).toBe(true);
      expect(await store().getJob(close.id)).toMatchObject({ done: true });
      expect(await store().claimDueJob(at(60 * MIN), 'worker-c', MIN)).toBeNull();
      expect(await store().completeJob('close:R-404', 'worker-b')).toBe(false);
    });

    it('claims the earliest due job first', async () => {
      await store().scheduleJob({ id: 'remind:R-2', kind: 'remind_round', roundId: 'R-2', dueAt: iso(5 * MIN) });
      await store().scheduleJob(close);
      await store().scheduleJob({ id: 'remind:R-3', kind: 'remind_round', roundId: 'R-3', dueAt: iso(2 * MIN) });
      const order = [];
      for (let i = 0; i < 4; i++) order.push((await store().claimDueJob(at(20 * MIN), 'w', MIN))?.id);
      expect(order).toEqual(['remind:R-3', 'remind:R-2', 'close:R-1', undefined]);
    });

    it('reschedules by id: new due time, not done, lease cleared', async () => {
      await store().scheduleJob(close);
      await store().claimDueJob(at(10 * MIN), 'worker-a', MIN);
      await store().completeJob(close.id, 'worker-a');
      await store().scheduleJob({ ...close, dueAt: iso(30 * MIN) });
      expect(await store().getJob(close.id)).toEqual({ ...close, dueAt: iso(30 * MIN), done: false });
      expect(await store().claimDueJob(at(29 * MIN), 'worker-b', MIN)).toBeNull();
      expect(await store().claimDueJob(at(30 * MIN), 'worker-b', MIN)).toMatchObject({ id: close.id });
    });

    it('keeps due times as UTC ISO strings whatever offset they came with', async () => {
      await store().scheduleJob({ ...close, dueAt: '2026-03-02T10:10:00+01:00' });
      expect((await store().getJob(close.id))?.dueAt).toBe(iso(10 * MIN));
    });

    it('resolves every one of many concurrent schedules of one job, one of them winning', async () => {
      const dueTimes = Array.from({ length: 10 }, (_, i) => iso((10 + i) * MIN));
      await Promise.all(dueTimes.map((dueAt) => store().scheduleJob({ ...close, dueAt })));
      const job = await store().getJob(close.id);
      expect(dueTimes).toContain(job?.dueAt);
      expect(job).toMatchObject({ id: close.id, done: false });
    });

    it('cancels a job, and cancelling an unknown job is harmless', async () => {
      await store().scheduleJob(close);
      await store().cancelJob(close.id);
      expect(await store().getJob(close.id)).toBeNull();
      expect(await store().claimDueJob(at(60 * MIN), 'w', MIN)).toBeNull();
      await expect(store().cancelJob('close:R-404')).resolves.toBeUndefined();
    });
  });
}
