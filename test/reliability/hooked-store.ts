import type { Store } from '../../src/store/store.js';

/** Store methods that change something. */
const WRITES = /^(next|insert|save|put|append|claim|schedule|complete|cancel)/;

/** Runs around a store call: may wait (to let something else happen first) or throw (to play dead). */
export interface StoreHooks {
  before?(method: string, args: unknown[]): void | Promise<void>;
  after?(method: string, args: unknown[]): void | Promise<void>;
}

/** True for the store methods that write. */
export function isWrite(method: string): boolean {
  return WRITES.test(method);
}

/** The same store with `hooks` run around every method call. */
export function hookedStore<S extends Store>(store: S, hooks: StoreHooks): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return async (...args: unknown[]) => {
        await hooks.before?.(key, args);
        const result: unknown = await value.apply(target, args);
        await hooks.after?.(key, args);
        return result;
      };
    },
  });
}

/**
 * A store that "dies" once `isLast(method, args)` has returned true for a finished write: every later
 * write throws, as if the process had been killed right after that write reached the journal.
 */
export function dyingStore<S extends Store>(store: S, isLast: (method: string, args: unknown[]) => boolean): Store {
  let dead = false;
  return hookedStore(store, {
    before(method) {
      if (dead && isWrite(method)) throw new Error(`simulated crash before ${method}`);
    },
    after(method, args) {
      if (isWrite(method) && isLast(method, args)) dead = true;
    },
  });
}
