import type { Idea } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import { overdueSince } from '../domain/stage-targets.js';
import { type Role, SPECIALIST_AREAS, type SpecialistArea } from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';
import type { ServiceDeps } from './deps.js';
import { outstandingSignOffs } from '../artefacts/sign-off-stages.js';
import type { PeopleService } from './people-service.js';
import { isPhase, type PipelineService } from './pipeline-service.js';
import { measuresOf } from '../artefacts/pilot.js';
import { hasChatAccount } from '../domain/person.js';

/**
 * The measures of running pilots whose latest review date has come with no figure recorded since: the
 * owner's own, and for the idea's PM those whose owner has no chat account (the PM records them).
 */
function figuresDueFrom(
  ideas: readonly Idea[],
  personId: string,
  isPm: boolean,
  looksAfter: (idea: Idea) => boolean,
  now: Date,
): Agenda['figuresDue'] {
  const today = now.toISOString().slice(0, 10);
  const due: Agenda['figuresDue'] = [];
  for (const idea of ideas) {
    if (idea.status !== 'live' && idea.status !== 'extended') continue;
    for (const m of measuresOf(idea.artefacts)) {
      const mine = m.owner === personId || (isPm && !hasChatAccount(m.owner) && looksAfter(idea));
      if (!mine) continue;
      const reviews = [...m.reviewDates, ...(idea.artefacts.pilotOutcome?.nextReviewDate ?? [])].filter(
        (d) => d <= today,
      );
      const since = reviews.sort().at(-1);
      if (since && !(m.results ?? []).some((r) => r.recordedAt.slice(0, 10) >= since))
        due.push({ idea, measureId: m.id, name: m.name, since });
    }
  }
  return due;
}

/** How many recently changed ideas are checked for "ready to advance" (each check may read a round). */
const READY_SCAN = 50;

/** What waits on one person: their ideas, votes and sign-offs they owe, and (PMs) ideas ready to advance, rounds to close and overdue ideas. */
export interface Agenda {
  now: Date;
  roles: Role[];
  ideas: Idea[];
  mine: Idea[];
  toVote: { round: Round; idea: Idea }[];
  toSignOff: { idea: Idea; area: SpecialistArea }[];
  readyToAdvance: Idea[];
  /** PMs: open rounds on the ideas they look after (or no PM has moved yet), soonest to close first. */
  roundsToClose: { round: Round; idea: Idea }[];
  /** PMs: ideas past their target date that they look after (or no PM has moved yet), longest overdue first. */
  overdue: { idea: Idea; target: string }[];
  /** Measures whose figure this person records and is due (a review date has come with no figure since). */
  figuresDue: { idea: Idea; measureId: string; name: string; since: string }[];
  /** Days each status may take (the configured targets), for marking overdue ideas wherever they are shown. */
  stageDays: Readonly<Record<string, number>>;
}

/** Gathers one person's agenda from the store (a Home tab, a digest, or any other front end can show it). */
export async function agendaFor(
  services: { deps: ServiceDeps; people: PeopleService; pipeline: PipelineService },
  personId: string,
): Promise<Agenda> {
  const store = services.deps.store;
  const [roles, ideas, open] = await Promise.all([
    services.people.rolesOf(personId),
    store.listIdeas(),
    store.listRounds({ status: 'open' }),
  ]);
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const toVote: Agenda['toVote'] = [];
  for (const round of open) {
    const idea = byId.get(round.ideaId);
    if (!idea || !round.eligibleRoles.some((r) => roles.includes(r))) continue;
    const voted = (await store.listParticipation(round.id)).some((p) => p.personId === personId);
    if (!voted) toVote.push({ round, idea });
  }
  const areas = SPECIALIST_AREAS.filter((a) => roles.includes(a));
  const toSignOff = ideas
    .filter((i) => i.status === 'specialist_engagement')
    .flatMap((idea) =>
      outstandingSignOffs(idea.artefacts, idea.history)
        .filter((a) => areas.includes(a))
        .map((area) => ({ idea, area })),
    );
  const now = services.deps.clock();
  const stageDays = services.deps.rules.stageDays;
  const isPm = roles.includes('pm');
  const looksAfter = (idea: Idea) => {
    const pm = ideaPm(idea);
    return !pm || pm === personId;
  };
  const overdue: Agenda['overdue'] = [];
  const roundsToClose: Agenda['roundsToClose'] = [];
  if (isPm) {
    for (const idea of ideas) {
      const target = overdueSince(idea, stageDays, now);
      if (target && looksAfter(idea)) overdue.push({ idea, target });
    }
    overdue.sort((a, b) => a.target.localeCompare(b.target));
    for (const round of open) {
      const idea = byId.get(round.ideaId);
      if (idea && looksAfter(idea)) roundsToClose.push({ round, idea });
    }
    roundsToClose.sort((a, b) => a.round.closesAt.localeCompare(b.round.closesAt));
  }
  const readyToAdvance: Idea[] = [];
  if (isPm) {
    const active = ideas.filter((i) => isPhase(i.status)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    for (const idea of active.slice(0, READY_SCAN))
      if ((await services.pipeline.missing(idea)).length === 0) readyToAdvance.push(idea);
  }
  return {
    figuresDue: figuresDueFrom(ideas, personId, isPm, looksAfter, now),
    now,
    roles,
    ideas,
    mine: ideas.filter((i) => i.submitterId === personId),
    toVote,
    toSignOff,
    readyToAdvance,
    roundsToClose,
    overdue,
    stageDays,
  };
}
