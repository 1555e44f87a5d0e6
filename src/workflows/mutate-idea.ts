import type { AuditEvent } from '../domain/audit.js';
import type { Idea } from '../domain/idea.js';
import { PilotError } from '../domain/pilot-error.js';
import type { Store } from '../store/store.js';
import { cmd } from '../views/inline.js';
import { retryOnConflict } from './retry-on-conflict.js';

/** What a change to an idea produces: the next record and the audit events to append with it. */
export interface IdeaChange {
  idea: Idea;
  events: AuditEvent[];
}

/** Loads an idea or says plainly that there is none. */
export async function loadIdea(store: Store, id: string): Promise<Idea> {
  const idea = await store.getIdea(id);
  if (!idea) throw new PilotError('idea_not_found', `There is no idea ${id}. Try ${cmd('list')} to see the ideas.`);
  return idea;
}

/**
 * Applies `change` to the current idea and saves it with optimistic concurrency: when someone else
 * saved first, re-reads and re-applies. `change` must be pure; it may throw a PilotError.
 */
export async function mutateIdea(
  store: Store,
  id: string,
  change: (current: Idea, attempt: number) => IdeaChange | Promise<IdeaChange>,
): Promise<{ before: Idea; after: Idea }> {
  return retryOnConflict(
    `${id} is being changed by several people at once. Please try again in a moment.`,
    async (attempt) => {
      const before = await loadIdea(store, id);
      const next = await change(before, attempt);
      const after = await store.saveIdea(next.idea, before.version, next.events);
      return { before, after };
    },
  );
}
