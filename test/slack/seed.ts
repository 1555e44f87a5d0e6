import type { Idea } from '../../src/domain/idea.js';
import type { Role } from '../../src/domain/reference-data.js';
import type { SlackKit } from './slack-kit.js';

/** A valid submission (the fields of the submit form). */
export function submission(title: string) {
  return {
    title,
    summary: `${title}: a small pilot to help people stay at home.`,
    problem: 'People wait too long for care.',
    approach: 'A small team tries a new way of working.',
    beneficiaries: 'People who use homecare, and their carers.',
    source: 'staff',
    outcomes: ['person_home_longer'],
  };
}

/** Submits an idea straight through the engine (for tests whose subject is something else). */
export async function seedIdea(kit: SlackKit, submitterId: string, title: string): Promise<Idea> {
  return (await kit.bot.pilot.pipeline.submit(submitterId, submission(title))).idea;
}

/** Gives roles straight through the engine, as the bootstrap admin. */
export async function giveRoles(kit: SlackKit, personId: string, roles: Role[]): Promise<void> {
  await kit.bot.pilot.people.assign('slack:UADMIN', personId, roles);
}

/** Records the stage-1 criteria check so the idea can advance. */
export async function meetCriteria(kit: SlackKit, ideaId: string, actorId = 'slack:UPM'): Promise<void> {
  await kit.bot.pilot.core.services.artefacts.record(actorId, ideaId, 'criteria', {
    met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
  });
}

/**
 * Walks an idea from stage 1 to stage 4 (shortlist), recording each gate's artefact as the PM; `advance`
 * moves it on (a signed command, or the engine) and is told which stage comes next.
 */
export async function walkToShortlist(
  kit: SlackKit,
  ideaId: string,
  advance: (to: string) => Promise<unknown>,
): Promise<void> {
  const record = (kind: 'no_precedent' | 'outline', input: Record<string, unknown>) =>
    kit.bot.pilot.core.services.artefacts.record('slack:UPM', ideaId, kind, input);
  await meetCriteria(kit, ideaId);
  await advance('2. Review');
  await record('no_precedent', { note: 'Searched the LGA case studies' });
  await advance('3. Outline');
  await record('outline', {
    objectives: 'Fewer readmissions',
    cohort: 'People leaving hospital',
    cohortSize: 12,
    durationMonths: 6,
    approach: 'Six weeks of reablement',
    risks: 'Staffing',
  });
  await advance('4. Shortlist');
}
