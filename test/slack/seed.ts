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
