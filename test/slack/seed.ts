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
  await meetCriteria(kit, ideaId);
  await advance('2. Review');
  await kit.bot.pilot.core.services.artefacts.record('slack:UPM', ideaId, 'no_precedent', {
    note: 'Searched the LGA case studies',
  });
  await advance('3. Outline');
  await recordOutline(kit, ideaId);
  await advance('4. Shortlist');
}

/** Records what the outline stage needs, straight through the engine: the outline, one risk and the other options. */
export async function recordOutline(kit: SlackKit, ideaId: string, actorId = 'slack:UPM'): Promise<void> {
  const record = (kind: string, input: Record<string, unknown>) =>
    kit.bot.pilot.core.services.artefacts.record(actorId, ideaId, kind, input);
  await record('outline', {
    objectives: 'Fewer readmissions',
    cohort: 'People leaving hospital',
    cohortSize: 12,
    durationMonths: 6,
    approach: 'Six weeks of reablement',
  });
  await record('risk', {
    risk: 'Not enough care workers in the winter months',
    likelihood: 'medium',
    impact: 'high',
    mitigation: 'Agree winter cover with the providers first',
    owner: 'Commissioning manager',
  });
  await record('options', {
    doNothing: 'People keep going back into hospital.',
    alternatives: 'A council-run team: it could not recruit in time.',
  });
}

/**
 * Records the final proposal (with a fixed committee date) and the equality screening, straight through
 * the engine: what stage 8 needs before its business case.
 */
export async function recordFinalProposal(kit: SlackKit, ideaId: string, actorId = 'slack:UPM'): Promise<void> {
  const record = (kind: string, input: Record<string, unknown>) =>
    kit.bot.pilot.core.services.artefacts.record(actorId, ideaId, kind, input);
  await record('final', {
    evaluation: 'Before and after',
    benefits: 'Fewer admissions',
    successCriteria: '20% fewer readmissions',
    committeeDate: '2027-03-15',
  });
  await record('screening', {
    equalityApplicable: true,
    equalityWhy: 'Most people in the cohort are older or disabled.',
    healthInequalitiesApplicable: false,
    healthInequalitiesWhy: 'It is offered across the whole area alike.',
    publicEngagementApplicable: false,
    publicEngagementWhy: 'No change to services the public use.',
  });
}

/**
 * Walks an idea from stage 4 to stage 8 (final proposal) through the engine, as the PM: a scoring vote
 * opened and closed with no voters (the kit must run with quorums of 0), shortlisted by an override, then
 * funding, an expression of interest and no specialist sign-offs needed.
 */
export async function walkShortlistToFinal(kit: SlackKit, ideaId: string, actorId = 'slack:UPM'): Promise<void> {
  const record = (kind: string, input: Record<string, unknown>) =>
    kit.bot.pilot.core.services.artefacts.record(actorId, ideaId, kind, input);
  const advance = () => kit.bot.pilot.pipeline.move(actorId, ideaId, 'advance');
  const { round } = await kit.bot.pilot.voting.open(actorId, ideaId, 'score', 24);
  await kit.bot.pilot.voting.close(actorId, round.id);
  await record('shortlist', { shortlisted: true, override: true, reason: 'Worth a small test' });
  await advance();
  await record('funding', { source: 'bcf', amount: 12500, budgetHolder: 'Director of Adult Care' });
  await advance();
  await record('interest', { providerName: 'Care Co', summary: 'Two teams', hasConflict: false });
  await advance();
  await record('specialists', { areas: [] });
  await advance();
}
