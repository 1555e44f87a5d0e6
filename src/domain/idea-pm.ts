import type { Idea } from './idea.js';

/**
 * The audit events by which a PM moves an idea or decides on it (SPEC 3.1). Triage is the first move out
 * of the longlist (an advance or a rejection); the criteria check alone moves nothing. A submission or a
 * withdrawal is the submitter's, never a PM's move.
 */
export const PM_MOVE_EVENTS: ReadonlySet<string> = new Set([
  'stage.advanced',
  'stage.returned',
  'idea.held',
  'idea.resumed',
  'idea.rejected',
  'idea.approved',
  'artefact.shortlist',
  'artefact.decision',
]);

/** The idea's PM: whoever last moved it or decided on it; undefined before any move (then every PM is its PM). */
export function ideaPm(idea: Pick<Idea, 'history'>): string | undefined {
  return idea.history.findLast((event) => PM_MOVE_EVENTS.has(event.type))?.actorId;
}
