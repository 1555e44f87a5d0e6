import { z } from 'zod';
import type { Idea } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import { PilotError } from '../domain/pilot-error.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import { ukDay } from '../domain/stage-targets.js';
import { formatDate } from '../templates/case-format.js';
import { who } from '../views/format.js';
import type { ServiceDeps } from './deps.js';
import { mutateIdea } from './mutate-idea.js';
import { isPhase } from './pipeline-service.js';

/** A calendar day typed as `YYYY-MM-DD` that exists (no 31 April). */
export const dueDaySchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Dates look like 2027-03-15 (year, month, day).' })
  .refine(
    (day) => {
      const at = new Date(`${day}T00:00:00Z`);
      return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(day);
    },
    {
      error: 'That date does not exist. Dates look like 2027-03-15 (year, month, day).',
    },
  );

/**
 * Sets the target date of an idea's current stage (`due`): only its PM (or any PM before one has moved it),
 * only in an active stage, never a day already past. Audited as `idea.due_set`.
 */
export async function setDueDate(deps: ServiceDeps, actorId: string, id: string, day: string): Promise<Idea> {
  const today = ukDay(deps.clock());
  if (day < today)
    throw new PilotError(
      'invalid_argument',
      `${formatDate(`${day}T12:00:00Z`)} has already passed. Please choose today or a later date.`,
    );
  const { after } = await mutateIdea(deps.store, id, (current) => {
    if (!isPhase(current.status))
      throw new PilotError(
        'invalid_transition',
        `${id} is ${STATUS_LABELS[current.status].toLowerCase()}, so it has no stage or pilot phase to set a target date for.`,
      );
    const pm = ideaPm(current);
    if (pm && pm !== actorId)
      throw new PilotError(
        'not_permitted',
        `${id} is looked after by ${who(pm)}, so its target date is theirs to set. Please ask them.`,
      );
    const at = deps.clock().toISOString();
    const previous = current.dueDates?.[current.status];
    return {
      idea: { ...current, dueDates: { ...current.dueDates, [current.status]: day }, updatedAt: at },
      events: [
        {
          type: 'idea.due_set',
          at,
          actorId,
          ideaId: id,
          detail: { status: current.status, due: day, ...(previous ? { previous } : {}) },
        },
      ],
    };
  });
  return after;
}
