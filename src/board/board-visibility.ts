import { deliveryPhase, IN_DELIVERY } from '../reports/pilot-progress.js';
import type { Idea } from '../domain/idea.js';
import type { Status } from '../domain/reference-data.js';
import type { BoardViewer } from './board-access.js';

/**
 * What a viewer may see of an idea: published ideas are for everyone; a committee member's link adds
 * unpublished ideas at stage 8 (the papers before them); admins and PMs see every idea.
 */
export function canSee(viewer: BoardViewer, idea: Pick<Idea, 'published' | 'status'>): boolean {
  if (idea.published === true || viewer.scope === 'staff') return true;
  return viewer.scope === 'committee' && idea.status === 'final_proposal';
}

/** Whether a viewer may see the meeting packs (committee members, admins and PMs). */
export function seesPacks(viewer: BoardViewer): boolean {
  return viewer.scope !== 'public';
}

/** The statuses of pilots in delivery: approved, getting ready, running, evaluated, extended (SPEC 2.2). */
export const DELIVERY_STATUSES: readonly Status[] = IN_DELIVERY;

/** The ideas being delivered as pilots (a held pilot too: it is still the council's pilot). */
export function pilotsInDelivery<T extends Pick<Idea, 'status' | 'pilotPhase'>>(ideas: readonly T[]): T[] {
  return ideas.filter((idea) => deliveryPhase(idea) !== null);
}
