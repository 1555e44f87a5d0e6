import { type Idea, ideaSchema } from '../../src/domain/idea.js';
import { DEFAULT_PRIORITIES } from '../../src/domain/reference-data.js';
import { type ConstituencyTally, type Round, roundSchema } from '../../src/domain/voting.js';
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
        risks: 'Provider capacity in winter; therapist recruitment.',
        updatedBy: 'slack:UPM',
        updatedAt: at(5),
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
        updatedBy: 'slack:UPM',
        updatedAt: at(19),
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

/** A closed scoring round on the full idea, with its frozen result. */
export function makeClosedRound(overrides: Partial<Round> = {}): Round {
  const priorities = DEFAULT_PRIORITIES.slice(0, 3);
  return roundSchema.parse({
    id: 'R-1',
    ideaId: 'IP-1',
    kind: 'score',
    status: 'closed',
    anonymous: true,
    hideResultsUntilClose: true,
    eligibleRoles: ['expert', 'provider'],
    priorities,
    quorum: { experts: 3, providers: 2, others: 0 },
    openedBy: 'slack:UPM',
    openedAt: at(9),
    closesAt: at(11),
    closedAt: at(11),
    closedBy: 'slack:UPM',
    result: {
      byConstituency: {
        experts: makeTally({
          voters: 4,
          meanScores: { independence: 4.5, capacity: 3.75, workforce: 3 },
          weightedScore: 3.75,
          quorumReached: true,
        }),
        providers: makeTally({
          voters: 3,
          meanScores: { independence: 4, capacity: 4, workforce: 4.33 },
          weightedScore: 4.11,
          conflicts: 1,
          quorum: 2,
          quorumReached: true,
        }),
        others: makeTally({ quorum: 0, quorumReached: true }),
      },
      overallScore: 3.91,
      quorumReached: true,
      conflicts: ['Provider employs a member of the carers group.'],
      reasons: [],
      participants: ['slack:UVOTER'],
      computedAt: at(11),
    },
    snapshot: {},
    version: 3,
    ...overrides,
  });
}

/** A closed support round on the full idea. */
export function makeSupportRound(overrides: Partial<Round> = {}): Round {
  return makeClosedRound({
    id: 'R-2',
    kind: 'support',
    anonymous: false,
    openedAt: at(12),
    closesAt: at(13),
    closedAt: at(13),
    result: {
      byConstituency: {
        experts: makeTally({ voters: 3, support: 2, neutral: 1, quorumReached: true }),
        providers: makeTally({ voters: 2, support: 1, oppose: 1, quorum: 2, quorumReached: true }),
        others: makeTally({ voters: 1, support: 1, quorum: 0, quorumReached: true }),
      },
      overallScore: 4 / 6,
      quorumReached: true,
      conflicts: [],
      reasons: ['It worked for my mother.', 'Too costly for a pilot.'],
      participants: ['slack:UVOTER'],
      computedAt: at(13),
    },
    ...overrides,
  });
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
    author: 'Priya Moss, Commissioning Manager',
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
    author: 'Priya Moss',
    now: NOW,
    priorities: DEFAULT_PRIORITIES,
  });
}
