import { TARGET_ZONE, ukDay } from '../domain/stage-targets.js';
import { zonedTime } from './next-weekly.js';
import { measuresOf, onTarget } from '../artefacts/pilot.js';
import type { Measure } from '../domain/artefacts.js';
import type { Idea } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import { PilotError } from '../domain/pilot-error.js';
import { hasChatAccount } from '../domain/person.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import type { Job } from '../store/store.js';
import { cmd } from '../views/inline.js';
import { checkInMessage } from '../views/check-in-views.js';
import { reply } from '../views/reply.js';
import type { ServiceDeps } from './deps.js';
import { mutateIdea } from './mutate-idea.js';
import { deliver, notifyThePm } from './notify.js';

/** Check-ins are sent at 09:00 on each review date, London time (GMT or BST as that day has it). */
function checkInTime(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedTime(TARGET_ZONE, y, m, d, 9, 0).toISOString();
}
const JOB_ID = /^checkin:(IP-[1-9][0-9]*):(M[1-9][0-9]{0,3}):(20\d\d-\d\d-\d\d)$/;

/** Where a measure's figure can be recorded: while the pilot runs, until it is evaluated. */
export const FIGURES_OPEN: readonly string[] = ['live', 'extended', 'evaluated'];

/** The id of the check-in job for one measure on one review date. */
export function checkInJobId(ideaId: string, measureId: string, day: string): string {
  return `checkin:${ideaId}:${measureId}:${day}`;
}

/**
 * Schedules a check-in for each measure on each of its review dates still to come (and, after an extension,
 * on the next review date the outcome gave). Scheduling the same id again only moves its time, so calling
 * this twice schedules nothing twice.
 */
export async function scheduleCheckIns(deps: Pick<ServiceDeps, 'store' | 'clock'>, idea: Idea): Promise<number> {
  const today = ukDay(deps.clock());
  const extension =
    idea.artefacts.pilotOutcome?.outcome === 'extend' ? idea.artefacts.pilotOutcome.nextReviewDate : undefined;
  let scheduled = 0;
  for (const measure of measuresOf(idea.artefacts)) {
    const days = new Set([...measure.reviewDates, ...(extension ? [extension] : [])]);
    for (const day of days) {
      if (day < today) continue;
      await deps.store.scheduleJob({
        id: checkInJobId(idea.id, measure.id, day),
        kind: 'measure_checkin',
        roundId: '',
        dueAt: checkInTime(day),
      });
      scheduled++;
    }
  }
  return scheduled;
}

/**
 * Runs a check-in job: tells the measure's owner (a direct message with the form's button) or, when the owner
 * has no chat account, the idea's PM. Nothing is sent for a pilot no longer running or a measure removed since.
 */
export async function runCheckIn(deps: ServiceDeps, job: Job): Promise<void> {
  const match = JOB_ID.exec(job.id);
  if (!match) return;
  const [, ideaId, measureId, day] = match as unknown as [string, string, string, string];
  const idea = await deps.store.getIdea(ideaId);
  if (!idea || (idea.status !== 'live' && idea.status !== 'extended')) return;
  const measure = measuresOf(idea.artefacts).find((m) => m.id === measureId);
  if (!measure || !measure.reviewDates.concat(idea.artefacts.pilotOutcome?.nextReviewDate ?? []).includes(day)) return;
  if (hasChatAccount(measure.owner)) await deliver(deps, measure.owner, checkInMessage(idea, measure, day, true));
  else await notifyThePm(deps, idea, checkInMessage(idea, measure, day, false));
}

/** Who may record a measure's figure: its owner, or a project manager. */
export function mayRecord(measure: Measure, personId: string, roles: readonly string[]): boolean {
  return measure.owner === personId || roles.includes('pm');
}

/** Records a figure for a measure (its owner or a PM), and tells the idea's PM when someone else recorded it. */
export async function recordCheckIn(
  deps: ServiceDeps,
  actorId: string,
  roles: readonly string[],
  ideaId: string,
  input: { measure: string; value: number; comment?: string },
): Promise<{ idea: Idea; measure: Measure }> {
  let recorded: Measure | undefined;
  const { after } = await mutateIdea(deps.store, ideaId, (current) => {
    if (!FIGURES_OPEN.includes(current.status))
      throw new PilotError(
        'invalid_transition',
        `${ideaId} is ${STATUS_LABELS[current.status].toLowerCase()}, so figures for its measures can't be recorded now.`,
      );
    const measure = measuresOf(current.artefacts).find((m) => m.id === input.measure);
    if (!measure)
      throw new PilotError(
        'invalid_input',
        `${ideaId} has no measure ${input.measure}. See ${cmd(`show ${ideaId}`)}.`,
        {
          fieldErrors: { measure: 'Choose one of the pilot’s measures.' },
        },
      );
    if (!mayRecord(measure, actorId, roles))
      throw new PilotError(
        'not_permitted',
        'Only the person who records this measure, or a project manager, can record its figure.',
      );
    const at = deps.clock().toISOString();
    const result = {
      value: input.value,
      ...(input.comment ? { comment: input.comment } : {}),
      recordedBy: actorId,
      recordedAt: at,
    };
    recorded = { ...measure, results: [...(measure.results ?? []), result] };
    const measures = measuresOf(current.artefacts).map((m) => (m.id === measure.id ? recorded! : m));
    return {
      idea: { ...current, artefacts: { ...current.artefacts, measures }, updatedAt: at },
      events: [{ type: 'pilot.checkin', at, actorId, ideaId, detail: { measure: measure.id } }],
    };
  });
  const measure = recorded!;
  const pm = ideaPm(after);
  if (pm !== actorId) {
    const value = measure.results!.at(-1)!.value;
    const where = onTarget(measure, value) ? 'on target' : `target ${measure.target} ${measure.unit}`;
    await notifyThePm(
      deps,
      after,
      reply(
        'private',
        `A figure was recorded for ${after.id} “${after.title}”: ${measure.id} ${measure.name} is ${value} ${measure.unit} (${where}).`,
      ),
      [actorId],
    );
  }
  return { idea: after, measure };
}
