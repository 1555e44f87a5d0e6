import { describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../../src/domain/pilot-error.js';
import { roundSchema } from '../../../src/domain/voting.js';
import { makeRound } from '../../support/factories.js';
import type { ContractContext } from '../store-contract.js';

/** Rounds: inserts, filters, versioned saves that drop undefined fields. */
export function roundContract({ store }: ContractContext): void {
  describe('rounds', () => {
    it('inserts, gets and lists rounds in number order, filtered by idea and status', async () => {
      await store().insertRound(makeRound({ id: 'R-10', ideaId: 'IP-1', status: 'closed' }));
      await store().insertRound(makeRound({ id: 'R-2', ideaId: 'IP-1' }));
      await store().insertRound(makeRound({ id: 'R-3', ideaId: 'IP-2' }));
      const got = await store().getRound('R-2');
      expect(got).toEqual(makeRound({ id: 'R-2', ideaId: 'IP-1' }));
      expect(() => roundSchema.parse(got)).not.toThrow();
      expect(await store().getRound('R-404')).toBeNull();
      await expect(store().insertRound(makeRound({ id: 'R-2' }))).rejects.toThrow(/R-2/);
      const ids = (rounds: { id: string }[]) => rounds.map((r) => r.id);
      expect(ids(await store().listRounds())).toEqual(['R-2', 'R-3', 'R-10']);
      expect(ids(await store().listRounds({ ideaId: 'IP-1' }))).toEqual(['R-2', 'R-10']);
      expect(ids(await store().listRounds({ status: 'open' }))).toEqual(['R-2', 'R-3']);
      expect(ids(await store().listRounds({ ideaId: 'IP-1', status: 'closed' }))).toEqual(['R-10']);
    });

    it('saves with a version bump and removes fields set to undefined', async () => {
      const round = makeRound({ id: 'R-1', salt: 'secret-salt', remindAt: '2026-03-05T09:00:00.000Z' });
      await store().insertRound(round);
      const closedAt = '2026-03-09T09:00:00.000Z';
      const saved = await store().saveRound({ ...round, status: 'closed', closedAt, salt: undefined }, 1);
      expect(saved).toMatchObject({ version: 2, status: 'closed', closedAt, remindAt: round.remindAt });
      const got = await store().getRound('R-1');
      expect(got).toEqual(saved);
      expect(Object.keys(got ?? {})).not.toContain('salt');
    });

    it('throws VersionConflictError on a stale version or a missing round, and changes nothing', async () => {
      const round = makeRound({ id: 'R-1' });
      await store().insertRound(round);
      await store().saveRound({ ...round, anonymous: true }, 1);
      await expect(store().saveRound({ ...round, status: 'closed' }, 1)).rejects.toBeInstanceOf(VersionConflictError);
      expect(await store().getRound('R-1')).toMatchObject({ version: 2, status: 'open', anonymous: true });
      await expect(store().saveRound(makeRound({ id: 'R-9' }), 1)).rejects.toBeInstanceOf(VersionConflictError);
    });

    it('lets exactly one of two concurrent saves from the same version win', async () => {
      const round = makeRound({ id: 'R-1' });
      await store().insertRound(round);
      const results = await Promise.allSettled([
        store().saveRound({ ...round, closedBy: 'slack:UA' }, 1),
        store().saveRound({ ...round, closedBy: 'slack:UB' }, 1),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(VersionConflictError);
      expect((await store().getRound('R-1'))?.version).toBe(2);
    });
  });
}
