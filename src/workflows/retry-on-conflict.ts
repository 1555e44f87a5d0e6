import { PilotError, VersionConflictError } from '../domain/pilot-error.js';

/**
 * How many times a read-change-save is tried before the person is asked to try again. Twelve
 * conflicts in a row take a burst of people acting on one record at once (a workshop filing
 * artefacts on one idea); with the jittered waits below they cost at most about a third of a second,
 * well inside the 3 seconds Slack and Teams give a reply. Ideas and rounds share it: a round, with
 * fewer writers, simply gives up no sooner than an idea does.
 */
export const CONFLICT_ATTEMPTS = 12;

/**
 * Runs `attempt` (a read, a change and a save) until it no longer throws VersionConflictError,
 * waiting a short random while between tries so writers racing for one record spread out. Any other
 * error passes straight through; after CONFLICT_ATTEMPTS conflicts, throws PilotError 'conflict'
 * with `busyMessage`.
 */
export async function retryOnConflict<T>(busyMessage: string, attempt: (n: number) => Promise<T>): Promise<T> {
  let lastConflict: unknown;
  for (let n = 0; n < CONFLICT_ATTEMPTS; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      lastConflict = error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (n + 1)));
    }
  }
  throw new PilotError('conflict', busyMessage, { cause: lastConflict });
}
