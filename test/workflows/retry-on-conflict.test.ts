import { describe, expect, it } from 'vitest';
import { PilotError, VersionConflictError } from '../../src/domain/pilot-error.js';
import type { Store } from '../../src/store/store.js';
import { mutateIdea } from '../../src/workflows/mutate-idea.js';
import { mutateRound } from '../../src/workflows/mutate-round.js';
import { CONFLICT_ATTEMPTS, retryOnConflict } from '../../src/workflows/retry-on-conflict.js';
import { makeIdea, makeRound } from '../support/factories.js';

/** A store whose saves always find the version moved, counting how often they were tried. */
function alwaysConflicting(): { store: Store; saves: () => number } {
  let saves = 0;
  const conflict = (): never => {
    saves++;
    throw new VersionConflictError('the record');
  };
  const store: Partial<Store> = {
    getIdea: async (id) => makeIdea({ id }),
    saveIdea: async () => conflict(),
    getRound: async (id) => makeRound({ id }),
    saveRound: async () => conflict(),
  };
  return { store: store as Store, saves: () => saves };
}

describe('retryOnConflict', () => {
  it('tries again after a conflict, numbering the attempts, until one lands', async () => {
    const seen: number[] = [];
    const result = await retryOnConflict('busy', async (n) => {
      seen.push(n);
      if (n < 2) throw new VersionConflictError('the record');
      return 'saved';
    });
    expect(result).toBe('saved');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('passes any other error straight through without trying again', async () => {
    let tries = 0;
    const refusal = new PilotError('gate_not_met', 'not yet');
    await expect(
      retryOnConflict('busy', async () => {
        tries++;
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(tries).toBe(1);
  });

  it('gives up after CONFLICT_ATTEMPTS conflicts and tells the person, for ideas and for votes alike', async () => {
    const ideas = alwaysConflicting();
    const idea = mutateIdea(ideas.store, 'P-7', (current) => ({ idea: current, events: [] }));
    await expect(idea).rejects.toMatchObject({
      code: 'conflict',
      message: 'P-7 is being changed by several people at once. Please try again in a moment.',
    });
    expect(ideas.saves()).toBe(CONFLICT_ATTEMPTS);

    const rounds = alwaysConflicting();
    await expect(mutateRound(rounds.store, 'R-3', (current) => current)).rejects.toMatchObject({
      code: 'conflict',
      message: 'The vote R-3 is busy; please try again in a moment.',
    });
    expect(rounds.saves()).toBe(CONFLICT_ATTEMPTS);
  });
});
