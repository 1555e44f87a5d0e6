import type { AuditEvent } from '../../src/domain/audit.js';
import type { Idea } from '../../src/domain/idea.js';
import type { Person } from '../../src/domain/person.js';
import type { ConflictDeclaration, Participation, Round, Vote } from '../../src/domain/voting.js';

const AT = '2026-03-02T09:00:00.000Z';
let seq = 0;

/** A fresh number for default ids (IP-<n>, R-<n>), unique within the test process. */
export function nextSeq(): number {
  seq += 1;
  return seq;
}

/** A valid stored idea at the longlist (parses with ideaSchema); `number` drives the default id. */
export function makeIdea(overrides: Partial<Idea> = {}): Idea {
  const number = overrides.number ?? nextSeq();
  return {
    title: 'Rota swaps between carers',
    summary: 'Let carers swap visits with one another through the app.',
    problem: 'Short-notice absences leave visits uncovered.',
    approach: 'A swap board with PM approval.',
    beneficiaries: 'People receiving care and their carers.',
    source: 'staff',
    outcomes: ['person_home_longer'],
    id: `IP-${number}`,
    number,
    submitterId: 'slack:U0SUBMIT',
    createdAt: AT,
    updatedAt: AT,
    status: 'longlist',
    lastStage: 'longlist',
    statusSince: AT,
    snapshot: {},
    artefacts: { evidence: [], interests: [], requiredSpecialists: [], signOffs: [] },
    comments: [],
    version: 1,
    history: [],
    ...overrides,
  };
}

/** A valid open support round (parses with roundSchema). */
export function makeRound(overrides: Partial<Round> = {}): Round {
  return {
    id: `R-${nextSeq()}`,
    ideaId: 'IP-1',
    kind: 'support',
    status: 'open',
    anonymous: false,
    hideResultsUntilClose: false,
    eligibleRoles: ['expert', 'provider'],
    priorities: [],
    quorum: { experts: 1, providers: 1, others: 0 },
    openedBy: 'slack:U0PM',
    openedAt: AT,
    closesAt: '2026-03-09T09:00:00.000Z',
    snapshot: {},
    posts: [],
    version: 1,
    ...overrides,
  };
}

/** A valid support vote (parses with voteSchema). */
export function makeVote(overrides: Partial<Vote> = {}): Vote {
  return {
    roundId: 'R-1',
    voterKey: 'slack:U0VOTER',
    constituency: 'experts',
    ballot: { kind: 'support', choice: 'support' },
    castAt: AT,
    ...overrides,
  };
}

/** A valid participation record (parses with participationSchema). */
export function makeParticipation(overrides: Partial<Participation> = {}): Participation {
  return { roundId: 'R-1', personId: 'slack:U0VOTER', constituency: 'experts', at: AT, ...overrides };
}

/**
 * A provider's answer "No, none" to the conflict question (parses with conflictDeclarationSchema), as
 * their first vote in a round stores it.
 */
export function makeConflictAnswer(overrides: Partial<ConflictDeclaration> = {}): ConflictDeclaration {
  return {
    ideaId: 'IP-1',
    roundId: 'R-1',
    personId: 'slack:U0VOTER',
    constituency: 'providers',
    detail: null,
    answered: true,
    ...overrides,
  };
}

/** A valid person (parses with personSchema). */
export function makePerson(overrides: Partial<Person> = {}): Person {
  return { id: 'slack:U0PERSON', displayName: 'Sam Carer', roles: ['expert'], updatedAt: AT, ...overrides };
}

/** A valid audit event (parses with auditEventSchema). */
export function makeAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return { type: 'idea.submitted', at: AT, actorId: 'slack:U0SUBMIT', ...overrides };
}
