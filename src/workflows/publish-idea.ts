import type { Idea } from '../domain/idea.js';
import type { Store } from '../store/store.js';
import { mutateIdea } from './mutate-idea.js';

/**
 * Marks an idea published on the read-only board (or not), with an `idea.published` / `idea.unpublished`
 * audit event. Returns the idea and whether anything changed (publishing a published idea records nothing).
 */
export async function setPublished(
  store: Store,
  ideaId: string,
  published: boolean,
  actorId: string,
  now: Date,
): Promise<{ idea: Idea; changed: boolean }> {
  let changed = false;
  const { after } = await mutateIdea(store, ideaId, (current) => {
    changed = (current.published === true) !== published;
    if (!changed) return { idea: current, events: [] };
    const at = now.toISOString();
    return {
      idea: { ...current, published, updatedAt: at },
      events: [{ type: published ? 'idea.published' : 'idea.unpublished', at, actorId, ideaId }],
    };
  });
  return { idea: after, changed };
}
