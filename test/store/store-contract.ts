import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { fileContract } from './contract/file-contract.js';
import { ideaContract } from './contract/idea-contract.js';
import { jobContract } from './contract/job-contract.js';
import { roundContract } from './contract/round-contract.js';
import { sundryContract } from './contract/sundry-contract.js';
import { votingContract } from './contract/voting-contract.js';

/** What a store adapter's test hands the contract: a fresh, empty store, how to reopen it, how to clean up. */
export interface StoreHarness {
  store: Store;
  /** Closes the store and opens it again on the same data (the returned store replaces `store`). */
  reopen?: () => Promise<Store>;
  /** Closes whatever is open and deletes the data. */
  cleanup: () => Promise<void>;
}

/** Accessors the contract parts use: the current store (after any reopen) and the harness. */
export interface ContractContext {
  store(): Store;
  harness(): StoreHarness;
}

/** Registers the shared store contract: every Store adapter must pass it unchanged. */
export function runStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`${name} store contract`, () => {
    let harness: StoreHarness | undefined;
    let current: Store | undefined;
    beforeEach(async () => {
      harness = await makeStore();
      const { reopen } = harness;
      current = harness.store;
      if (reopen) {
        harness.reopen = async () => {
          current = await reopen();
          return current;
        };
      }
    });
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
      current = undefined;
    });
    const ctx: ContractContext = { store: () => current!, harness: () => harness! };
    ideaContract(ctx);
    roundContract(ctx);
    votingContract(ctx);
    jobContract(ctx);
    sundryContract(ctx);
    fileContract(ctx);
  });
}
