import { type Engagement, engagementInputSchema, londonDay } from '../domain/engagement.js';
import type { Idea } from '../domain/idea.js';
import { PilotError } from '../domain/pilot-error.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import type { ServiceDeps } from './deps.js';
import { mutateIdea } from './mutate-idea.js';
import { parseInput } from './parse-input.js';

/** Refuses logging engagement on an idea that has ended without going ahead (withdrawn or rejected). */
export function refuseEngagementOn(idea: Idea): void {
  if (idea.status === 'withdrawn' || idea.status === 'rejected')
    throw new PilotError(
      'invalid_transition',
      `${idea.id} is ${STATUS_LABELS[idea.status].toLowerCase()}, so offline engagement can no longer be logged on it.`,
    );
}

/**
 * Logs one session of offline engagement on an idea (SPEC 3.1), saved with its `idea.consulted` audit
 * event in one versioned save. The form is checked in full before anything is saved.
 */
export async function logEngagement(
  deps: ServiceDeps,
  actorId: string,
  id: string,
  input: unknown,
): Promise<{ idea: Idea; engagement: Engagement }> {
  const now = deps.clock();
  const values = parseInput(engagementInputSchema(londonDay(now)), input, 'offline engagement');
  const at = now.toISOString();
  const engagement: Engagement = { ...values, recordedBy: actorId, recordedAt: at };
  const { after } = await mutateIdea(deps.store, id, (current) => {
    refuseEngagementOn(current);
    return {
      idea: { ...current, engagements: [...(current.engagements ?? []), engagement], updatedAt: at },
      // What was said stays on the idea; the audit trail notes only that a session was logged.
      events: [
        {
          type: 'idea.consulted',
          at,
          actorId,
          ideaId: id,
          detail: { kind: values.kind, date: values.date, numberOfPeople: values.numberOfPeople },
        },
      ],
    };
  });
  return { idea: after, engagement };
}
