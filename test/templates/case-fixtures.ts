import { type Idea, ideaSchema } from '../../src/domain/idea.js';
import { DEFAULT_PRIORITIES } from '../../src/domain/reference-data.js';
import type { Constituency, Role } from '../../src/domain/reference-data.js';
import {
  type ConflictDeclaration,
  type ConstituencyTally,
  type Round,
  roundSchema,
  type Vote,
} from '../../src/domain/voting.js';
import { computeResult } from '../../src/workflows/tally.js';
import { buildCaseData, type CaseData } from '../../src/templates/case-data.js';

/** Fixed clock for every case test: 10 June 2026, 09:00 UK time. */
export const NOW = new Date('2026-06-10T08:00:00Z');

/** Display names for the people in the fixtures; `slack:U404` is deliberately unknown. */
export const NAMES: Record<string, string> = {
  'slack:UPM': 'Priya Moss',
  'slack:USUB': 'Sam Okafor',
  'teams:fin-1': 'Fiona Grant',
  'slack:UPROC': 'Paul Reed',
  'slack:UEXP': 'Ellen Carter',
  'slack:UFAC': 'Fay Lee',
};

/** Roles of the people in the fixtures: Ellen is an expert by experience (never named in a paper). */
export const ROLES_OF: Record<string, Role[]> = {
  'slack:UPM': ['pm'],
  'teams:fin-1': ['finance'],
  'slack:UPROC': ['procurement'],
  'slack:UEXP': ['expert'],
};

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 10)).toISOString();

/** An idea at stage 1 with only its submission: everything else is a gap. */
export function makeSparseIdea(overrides: Partial<Idea> = {}): Idea {
  return ideaSchema.parse({
    id: 'IP-2',
    number: 2,
    title: 'Rural Based Support',
    summary: 'Care workers based in villages so rural clients get visits on time.',
    problem: 'Homecare is hard to source in rural areas; travel time eats into visits.',
    approach: 'Recruit and base small teams in market towns.',
    beneficiaries: 'People needing homecare in rural parishes.',
    source: 'provider_forum',
    outcomes: ['community_greatest_need'],
    submitterId: 'slack:U404',
    createdAt: at(2),
    updatedAt: at(2),
    status: 'funding',
    lastStage: 'funding',
    statusSince: at(2),
    snapshot: {},
    artefacts: {},
    version: 1,
    ...overrides,
  });
}

/** An idea with every stage's artefacts recorded, at stage 8 with its JCC decision. */
export function makeFullIdea(overrides: Partial<Idea> = {}): Idea {
  return makeSparseIdea({
    id: 'IP-1',
    number: 1,
    title: 'Reabling Homecare',
    summary: 'Short-term reablement by homecare providers so people regain skills and need less care.',
    problem:
      'People leave hospital with large packages of care that are rarely reviewed.\nMany could do more for themselves.',
    approach: 'Providers deliver six weeks of reabling care with therapist support.\n\nPackages are reviewed weekly.',
    beneficiaries: 'Adults discharged from hospital who need homecare.',
    source: 'experts_by_experience',
    outcomes: ['person_home_longer', 'person_independence', 'services_joint_working', 'community_less_acute'],
    submitterId: 'slack:USUB',
    status: 'final_proposal',
    lastStage: 'final_proposal',
    statusSince: at(20),
    comments: [
      { authorId: 'slack:UEXP', text: 'Please keep the same carers for each person.', at: at(8) },
      { authorId: 'slack:UPM', text: 'Agreed; added to the outline.', at: at(9) },
    ],
    // Logged out of order: the paper lists them in the order they took place.
    engagements: [
      {
        kind: 'focus_group',
        date: '2026-01-14',
        numberOfPeople: 6,
        groups: ['carers'],
        whatTheySaid: 'Evening visits matter most to us.',
        recordedBy: 'slack:UFAC',
        recordedAt: at(15),
      },
      {
        kind: 'workshop',
        date: '2026-01-12',
        numberOfPeople: 14,
        groups: ['experts_by_experience', 'carers'],
        whatTheySaid: 'Keep the same carers.\n\nTell us who is coming.',
        recordedBy: 'slack:UFAC',
        recordedAt: at(16),
      },
    ],
    latestRoundId: 'R-1',
    // The audit trail the sign-offs were recorded with: both given at stage 7, so both count.
    history: [
      {
        type: 'stage.advanced',
        at: at(15),
        actorId: 'slack:UPM',
        from: 'provider_scoping',
        to: 'specialist_engagement',
      },
      { type: 'artefact.signoff', at: at(16), actorId: 'slack:UPROC', detail: { area: 'procurement' } },
      { type: 'artefact.signoff', at: at(17), actorId: 'teams:fin-1', detail: { area: 'finance' } },
      { type: 'stage.advanced', at: at(18), actorId: 'slack:UPM', from: 'specialist_engagement', to: 'final_proposal' },
    ],
    artefacts: {
      criteria: {
        met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope'],
        note: 'Service-user involvement to be confirmed with the carers group.',
        confirmedBy: 'slack:UPM',
        confirmedAt: at(3),
      },
      evidence: [
        {
          source: 'Wiltshire Council',
          whatHappened: 'Reablement by homecare providers cut ongoing care hours.',
          lesson: 'Therapist time must be funded from the start.',
          addedBy: 'slack:UPM',
          addedAt: at(4),
        },
      ],
      outline: {
        objectives: 'Reduce long-term care hours for people leaving hospital.',
        cohort: 'Adults discharged from the RUH needing homecare',
        cohortSize: 20,
        durationMonths: 6,
        approach: 'Six weeks of reabling care, reviewed weekly.',
        updatedBy: 'slack:UPM',
        updatedAt: at(5),
      },
      risks: [
        {
          risk: 'Provider capacity in winter.',
          likelihood: 'high',
          impact: 'medium',
          mitigation: 'Agree winter cover with both providers before the pilot starts.',
          owner: 'Commissioning manager',
          addedBy: 'slack:UPM',
          addedAt: at(5),
        },
        {
          risk: 'Therapists cannot be recruited in time.',
          likelihood: 'medium',
          impact: 'high',
          mitigation: 'Second therapists from the hospital discharge team.',
          owner: 'Head of Therapies',
          addedBy: 'slack:UPM',
          addedAt: at(6),
        },
      ],
      options: {
        doNothing: 'Packages stay large and are rarely reviewed; care hours keep rising.',
        alternatives: 'A council-run reablement team: ruled out, as it cannot recruit in time.',
        recordedBy: 'slack:UPM',
        recordedAt: at(6),
      },
      shortlist: { shortlisted: true, roundId: 'R-1', override: false, decidedBy: 'slack:UPM', decidedAt: at(11) },
      funding: {
        source: 'ibcf',
        sourceDetail: 'Winter pressures allocation',
        amount: 48500,
        budgetHolder: 'Director of Adult Social Care',
        recordedBy: 'teams:fin-1',
        recordedAt: at(12),
      },
      interests: [
        {
          providerName: 'Bath Homecare Ltd',
          contact: 'ops@example.org',
          summary: 'Can staff two reablement teams.',
          hasConflict: true,
          conflictDetail: 'A director sits on the carers group.',
          declaredBy: 'slack:UPROC',
          declaredAt: at(14),
        },
        {
          providerName: 'Mendip Care',
          summary: 'One team for the south of the area.',
          hasConflict: false,
          declaredBy: 'slack:UPROC',
          declaredAt: at(15),
          // Whoever sent it had declared a conflict when voting on the idea in R-1 (SPEC 3.1's flag).
          declaredConflictIn: ['R-1'],
        },
      ],
      requiredSpecialists: ['procurement', 'finance'],
      signOffs: [
        { area: 'procurement', signedBy: 'slack:UPROC', signedAt: at(16), note: 'Part B call-off.' },
        { area: 'finance', signedBy: 'teams:fin-1', signedAt: at(17) },
      ],
      finalProposal: {
        evaluation: 'Compare care hours at 6 and 12 weeks with a matched group.',
        benefits: 'Fewer long-term care hours; people more independent.',
        successCriteria: '60% of the cohort need fewer hours after six weeks.',
        committeeDate: '2026-07-14',
        updatedBy: 'slack:UPM',
        updatedAt: at(19),
      },
      screening: {
        equalityApplicable: true,
        equalityWhy: 'Most of the cohort are older or disabled people; the pilot is designed with them.',
        healthInequalitiesApplicable: true,
        healthInequalitiesWhy: 'Reablement is offered in every part of the area, rural parishes included.',
        publicEngagementApplicable: false,
        publicEngagementWhy: 'No change to services the public use; experts by experience were involved throughout.',
        recordedBy: 'slack:UPM',
        recordedAt: at(19),
      },
      caseDraftedAt: at(20),
    },
    ...overrides,
  });
}

/** A tally for one constituency; unspecified counts are zero. */
export function makeTally(overrides: Partial<ConstituencyTally> = {}): ConstituencyTally {
  return {
    voters: 0,
    support: 0,
    neutral: 0,
    oppose: 0,
    meanScores: {},
    weightedScore: null,
    conflicts: 0,
    quorum: 3,
    quorumReached: false,
    ...overrides,
  };
}

/** A vote as stored, from one voter of a constituency; its person is `voterKey` (named rounds). */
function vote(roundId: string, who: string, constituency: Constituency, ballot: Vote['ballot']): Vote {
  return { roundId, voterKey: who, constituency, ballot, castAt: at(10) };
}

/** A closed round whose frozen result is computed from these votes by the real tally, as closing it would. */
function closedWith(round: Omit<Round, 'result'>, votes: Vote[], declarations: ConflictDeclaration[] = []): Round {
  const participation = votes.map((v) => ({ roundId: round.id, personId: v.voterKey, constituency: v.constituency }));
  const computed = computeResult(
    round as Round,
    votes,
    participation,
    new Date(round.closedAt ?? round.closesAt),
    declarations,
  );
  return roundSchema.parse({ ...round, result: computed });
}

const score = (independence: number, capacity: number, workforce: number) =>
  ({ kind: 'score', scores: { independence, capacity, workforce } }) as const;

/** A closed scoring round on the full idea: four experts and three providers (one declared a conflict). */
export function makeClosedRound(overrides: Partial<Round> = {}): Round {
  const base = roundSchema.parse({
    id: 'R-1',
    ideaId: 'IP-1',
    kind: 'score',
    status: 'closed',
    anonymous: true,
    hideResultsUntilClose: true,
    eligibleRoles: ['expert', 'provider'],
    priorities: DEFAULT_PRIORITIES.slice(0, 3),
    quorum: { experts: 3, providers: 2, others: 0 },
    minGroupSize: 3,
    openedBy: 'slack:UPM',
    openedAt: at(9),
    closesAt: at(11),
    closedAt: at(11),
    closedBy: 'slack:UPM',
    snapshot: {},
    version: 3,
    ...overrides,
  });
  if (overrides.result !== undefined || base.status === 'open') return base;
  const id = base.id;
  return closedWith(
    base,
    [
      vote(id, 'slack:UE1', 'experts', score(5, 4, 3)),
      vote(id, 'slack:UE2', 'experts', score(4, 4, 3)),
      vote(id, 'slack:UE3', 'experts', score(5, 4, 3)),
      vote(id, 'slack:UE4', 'experts', score(4, 3, 3)),
      vote(id, 'slack:UP1', 'providers', score(4, 4, 4)),
      vote(id, 'slack:UP2', 'providers', score(4, 4, 5)),
      vote(id, 'slack:UP3', 'providers', score(4, 4, 4)),
    ],
    [
      {
        ideaId: 'IP-1',
        roundId: id,
        personId: 'slack:UP2',
        constituency: 'providers',
        detail: 'Provider employs a member of the carers group.',
      },
    ],
  );
}

/** A closed, named support round on the full idea: three experts and two providers, with reasons. */
export function makeSupportRound(overrides: Partial<Round> = {}): Round {
  const base = makeClosedRound({
    id: 'R-2',
    kind: 'support',
    anonymous: false,
    openedAt: at(12),
    closesAt: at(13),
    closedAt: at(13),
    result: undefined,
    ...overrides,
  });
  if (overrides.result !== undefined) return base;
  const support = (choice: 'support' | 'neutral' | 'oppose', reason?: string) =>
    ({ kind: 'support', choice, ...(reason ? { reason } : {}) }) as const;
  return closedWith(base, [
    vote('R-2', 'slack:UE1', 'experts', support('support', 'It worked for my mother.')),
    vote('R-2', 'slack:UE2', 'experts', support('support')),
    vote('R-2', 'slack:UE5', 'experts', support('neutral')),
    vote('R-2', 'slack:UP1', 'providers', support('support')),
    vote('R-2', 'slack:UP4', 'providers', support('oppose', 'Too costly for a pilot.')),
  ]);
}

/** An open round on the full idea: it must never appear in the case. */
export function makeOpenRound(): Round {
  return makeClosedRound({ id: 'R-3', status: 'open', closedAt: undefined, closedBy: undefined, result: undefined });
}

/** CaseData for the full idea with both closed rounds and an open one (which must be left out). */
export function makeFullCase(overrides: Partial<Idea> = {}): CaseData {
  return buildCaseData({
    idea: makeFullIdea(overrides),
    rounds: [makeSupportRound(), makeOpenRound(), makeClosedRound()],
    names: NAMES,
    roles: ROLES_OF,
    authorId: 'slack:UPM',
    now: NOW,
    priorities: DEFAULT_PRIORITIES,
  });
}

/** CaseData for the sparse idea, with no rounds. */
export function makeSparseCase(overrides: Partial<Idea> = {}): CaseData {
  return buildCaseData({
    idea: makeSparseIdea(overrides),
    rounds: [],
    names: NAMES,
    roles: ROLES_OF,
    authorId: 'slack:UPM',
    now: NOW,
    priorities: DEFAULT_PRIORITIES,
  });
}
