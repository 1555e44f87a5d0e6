import { getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { Artefacts } from '../../src/domain/artefacts.js';
import { type Phase, PILOT_PHASES, STAGES, type Stage, type Status } from '../../src/domain/reference-data.js';
import { type GateFacts, missingForGate } from '../../src/workflows/gates.js';
import { type PipelineEvent, pipelineMachine } from '../../src/workflows/pipeline-machine.js';
import {
  applyPipelineEvent,
  initialPipelineSnapshot,
  restorePipeline,
  statusOf,
} from '../../src/workflows/pipeline-snapshot.js';

const by = 'slack:UPM';
const at = '2026-11-23T09:00:00.000Z';
const empty: Artefacts = { evidence: [], interests: [], requiredSpecialists: [], signOffs: [] };

/** Facts that meet every gate. */
const allMet: GateFacts = {
  lowScoreThreshold: 3,
  // The sign-off was given at stage 7, as its audit event shows.
  history: [
    { type: 'stage.advanced', at, actorId: by, from: 'provider_scoping', to: 'specialist_engagement' },
    { type: 'artefact.signoff', at, actorId: by, detail: { kind: 'signoff', area: 'finance' } },
  ],
  artefacts: {
    criteria: {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
      confirmedBy: by,
      confirmedAt: at,
    },
    evidence: [{ source: 'Wiltshire', whatHappened: 'Ran it', lesson: 'Start small', addedBy: by, addedAt: at }],
    outline: {
      objectives: 'o',
      cohort: 'c',
      cohortSize: 10,
      durationMonths: 6,
      approach: 'a',
      updatedBy: by,
      updatedAt: at,
    },
    risks: [
      {
        risk: 'r',
        likelihood: 'low',
        impact: 'high',
        mitigation: 'm',
        owner: 'Commissioning manager',
        addedBy: by,
        addedAt: at,
      },
    ],
    options: { doNothing: 'd', alternatives: 'a', recordedBy: by, recordedAt: at },
    shortlist: { shortlisted: true, roundId: 'R-1', override: false, decidedBy: by, decidedAt: at },
    funding: { source: 'bcf', amount: 1000, budgetHolder: 'Head of Commissioning', recordedBy: by, recordedAt: at },
    interests: [{ providerName: 'Care Co', summary: 's', hasConflict: false, declaredBy: by, declaredAt: at }],
    requiredSpecialists: ['finance'],
    specialistsMarkedAt: at,
    signOffs: [{ area: 'finance', signedBy: by, signedAt: at }],
    finalProposal: {
      evaluation: 'e',
      benefits: 'b',
      successCriteria: 's',
      committeeDate: '2027-03-15',
      updatedBy: by,
      updatedAt: at,
    },
    screening: {
      equalityApplicable: true,
      equalityWhy: 'w',
      healthInequalitiesApplicable: false,
      healthInequalitiesWhy: 'w',
      publicEngagementApplicable: false,
      publicEngagementWhy: 'w',
      recordedBy: by,
      recordedAt: at,
    },
    caseDraftedAt: at,
    decision: { decision: 'approved', recordedBy: by, recordedAt: at },
  },
  shortlistRound: {
    id: 'R-1',
    kind: 'score',
    status: 'closed',
    result: {
      byConstituency: {
        experts: {
          voters: 3,
          support: 0,
          neutral: 0,
          oppose: 0,
          meanScores: {},
          weightedScore: 4,
          conflicts: 0,
          quorum: 3,
          quorumReached: true,
        },
        providers: {
          voters: 2,
          support: 0,
          neutral: 0,
          oppose: 0,
          meanScores: {},
          weightedScore: 4,
          conflicts: 0,
          quorum: 2,
          quorumReached: true,
        },
        others: {
          voters: 0,
          support: 0,
          neutral: 0,
          oppose: 0,
          meanScores: {},
          weightedScore: null,
          conflicts: 0,
          quorum: 0,
          quorumReached: true,
        },
      },
      overallScore: 4,
      quorumReached: true,
      conflicts: [],
      reasons: [],
      participants: [],
      computedAt: at,
    },
  },
};
const noneMet: GateFacts = { artefacts: empty, lowScoreThreshold: 3, history: [] };

const OTHER_EVENTS: PipelineEvent[] = [
  { type: 'RETURN' },
  { type: 'HOLD' },
  { type: 'RESUME' },
  { type: 'REJECT' },
  { type: 'WITHDRAW' },
];
// The history value only matters on hold (it is where the idea resumes); elsewhere it would split one state into many.
const serializeState = (s: { value: unknown; historyValue?: unknown }) =>
  s.value === 'on_hold' || JSON.stringify(s.value) === '{"pilot":"held"}'
    ? JSON.stringify([
        s.value,
        Object.values(s.historyValue ?? {})
          .flat()
          .map((n) => (n as { id: string }).id),
      ])
    : JSON.stringify(s.value);
const rank = (status: Status) => (STAGES as readonly string[]).indexOf(status);

describe('pipeline machine: every path, enumerated with @xstate/graph', () => {
  const paths = getSimplePaths(pipelineMachine, {
    events: [{ type: 'ADVANCE', facts: allMet }, { type: 'ADVANCE', facts: noneMet }, ...OTHER_EVENTS],
    serializeState,
  });

  it('reaches every stage and every end state', () => {
    const reached = new Set(paths.map((p) => statusOf(p.state)));
    for (const status of [...STAGES, 'on_hold', 'approved', 'rejected', 'withdrawn']) expect(reached).toContain(status);
    expect(paths.length).toBeGreaterThan(20);
  });

  it('never moves forward a stage except by ADVANCE with its gate met', () => {
    let forwardSteps = 0;
    for (const path of paths) {
      let previous: Status = 'longlist';
      for (const step of path.steps) {
        const now = statusOf(step.state);
        if (rank(now) > rank(previous) && rank(previous) >= 0) {
          forwardSteps++;
          const route = JSON.stringify(path.steps.map((s) => [s.event.type, statusOf(s.state)]));
          expect(step.event.type, route).toBe('ADVANCE');
          if (step.event.type === 'ADVANCE')
            expect(missingForGate(previous as Stage, step.event.facts), route).toEqual([]);
          expect(rank(now)).toBe(rank(previous) + 1);
        }
        if (now === 'approved')
          expect(
            step.event.type === 'ADVANCE' &&
              previous === 'final_proposal' &&
              missingForGate(previous, step.event.facts).length === 0,
          ).toBe(true);
        previous = now;
      }
    }
    expect(forwardSteps).toBeGreaterThan(0);
  });

  it('with no gate met, no stage past the longlist is reachable', () => {
    const blocked = getSimplePaths(pipelineMachine, {
      events: [{ type: 'ADVANCE', facts: noneMet }, ...OTHER_EVENTS],
      serializeState,
    });
    const reached = new Set(blocked.map((p) => statusOf(p.state)));
    expect([...reached].sort()).toEqual(['longlist', 'on_hold', 'rejected', 'withdrawn']);
  });
});

describe('pipeline snapshots', () => {
  it('round-trip through JSON at every stage, and hold resumes where it left', () => {
    let persisted = initialPipelineSnapshot();
    for (const stage of STAGES.slice(1)) {
      const step = applyPipelineEvent(JSON.parse(JSON.stringify(persisted)), { type: 'ADVANCE', facts: allMet });
      expect(step.status).toBe(stage);
      const held = applyPipelineEvent(JSON.parse(JSON.stringify(step.persisted)), { type: 'HOLD' });
      expect(held.status).toBe('on_hold');
      const resumed = applyPipelineEvent(JSON.parse(JSON.stringify(held.persisted)), { type: 'RESUME' });
      expect(resumed.status).toBe(stage);
      persisted = resumed.persisted;
    }
    expect(applyPipelineEvent(persisted, { type: 'ADVANCE', facts: allMet }).status).toBe('approved');
  });

  it('end states accept nothing more', () => {
    const rejected = applyPipelineEvent(initialPipelineSnapshot(), { type: 'REJECT' });
    for (const event of [{ type: 'ADVANCE', facts: allMet } as const, ...OTHER_EVENTS]) {
      expect(applyPipelineEvent(rejected.persisted, event).changed).toBe(false);
    }
  });

  it('return goes one stage back, and not from the longlist', () => {
    const review = applyPipelineEvent(initialPipelineSnapshot(), { type: 'ADVANCE', facts: allMet });
    expect(applyPipelineEvent(review.persisted, { type: 'RETURN' }).status).toBe('longlist');
    expect(applyPipelineEvent(initialPipelineSnapshot(), { type: 'RETURN' }).changed).toBe(false);
  });
});

/** Facts that meet every gate up to and through a pilot, its evaluation deciding `outcome`. */
function pilotFacts(outcome: 'mainstream' | 'extend' | 'stop'): GateFacts {
  return {
    ...allMet,
    today: '2027-06-01',
    engagements: [
      {
        kind: 'focus_group',
        date: '2027-05-01',
        numberOfPeople: 6,
        groups: ['carers'],
        whatTheySaid: 'It helped',
        recordedBy: by,
        recordedAt: at,
      },
    ],
    artefacts: {
      ...allMet.artefacts,
      measures: [
        {
          id: 'M1',
          name: 'Hours a week',
          baseline: 20,
          target: 15,
          unit: 'hours',
          owner: by,
          reviewDates: ['2027-05-01'],
          results: [{ value: 14, recordedBy: by, recordedAt: at }],
          addedBy: by,
          addedAt: at,
        },
      ],
      mobilisation: {
        provider: 'Care Co',
        contractedOn: '2027-01-10',
        cohortStart: '2027-02-01',
        recordedBy: by,
        recordedAt: at,
      },
      pilotOutcome: {
        outcome,
        reason: 'r',
        lessons: 'l',
        ...(outcome === 'extend' ? { nextReviewDate: '2027-09-01' } : {}),
        recordedBy: by,
        recordedAt: at,
      },
    },
  };
}

/** Where each status stands in the order an idea moves forward through. */
const ORDER: readonly Status[] = [
  ...STAGES,
  ...PILOT_PHASES.filter((p) => p !== 'extended'),
  'mainstreamed',
  'stopped',
];
const order = (status: Status) => ORDER.indexOf(status);

describe('pipeline machine after approval: every path, enumerated with @xstate/graph', () => {
  // From the approved state (as a JCC approval leaves an idea), every sequence of events a PM can send.
  const approvedSnapshot = (() => {
    let persisted = initialPipelineSnapshot();
    for (let i = 0; i < STAGES.length; i++)
      persisted = applyPipelineEvent(persisted, { type: 'ADVANCE', facts: allMet }).persisted;
    return persisted;
  })();
  const advances = (['mainstream', 'extend', 'stop'] as const).map((o): PipelineEvent => ({
    type: 'ADVANCE',
    facts: pilotFacts(o),
  }));
  const paths = getSimplePaths(pipelineMachine, {
    events: [...advances, { type: 'ADVANCE', facts: allMet }, { type: 'ADVANCE', facts: noneMet }, ...OTHER_EVENTS],
    serializeState,
    fromState: restorePipeline(approvedSnapshot),
  });

  it('reaches every pilot phase and both of its end states, and rejected, withdrawn and on hold', () => {
    const reached = new Set(paths.map((p) => statusOf(p.state)));
    for (const status of [...PILOT_PHASES, 'mainstreamed', 'stopped', 'on_hold', 'rejected', 'withdrawn'])
      expect(reached, status).toContain(status);
  });

  it('never enters a phase except by ADVANCE with the gate of the phase it leaves met', () => {
    let checked = 0;
    for (const path of paths) {
      let previous: Status = 'approved';
      for (const step of path.steps) {
        const now = statusOf(step.state);
        const route = JSON.stringify(path.steps.map((s) => [s.event.type, statusOf(s.state)]));
        const forward = order(now) > order(previous) && order(previous) >= 0;
        const extension = previous === 'evaluated' && now === 'extended';
        const again = previous === 'extended' && now === 'live';
        if (forward || extension || again) {
          checked++;
          expect(step.event.type, route).toBe('ADVANCE');
          if (step.event.type === 'ADVANCE')
            expect(missingForGate(previous as Phase, step.event.facts), route).toEqual([]);
          if (previous === 'evaluated' && step.event.type === 'ADVANCE') {
            const outcome = step.event.facts.artefacts.pilotOutcome?.outcome;
            expect({ mainstream: 'mainstreamed', extend: 'extended', stop: 'stopped' }[outcome!], route).toBe(now);
          }
        }
        previous = now;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("with only the selection's facts, an approved pilot goes nowhere but on hold, rejected or withdrawn", () => {
    const blocked = getSimplePaths(pipelineMachine, {
      events: [{ type: 'ADVANCE', facts: allMet }, ...OTHER_EVENTS],
      serializeState,
      fromState: restorePipeline(approvedSnapshot),
    });
    const reached = new Set(blocked.map((p) => statusOf(p.state)));
    expect([...reached].sort()).toEqual(['approved', 'on_hold', 'rejected', 'withdrawn']);
  });

  it('a held pilot resumes at the phase it left', () => {
    let persisted = approvedSnapshot;
    for (const phase of ['mobilising', 'live', 'evaluated'] as const) {
      persisted = applyPipelineEvent(persisted, { type: 'ADVANCE', facts: pilotFacts('stop') }).persisted;
      const held = applyPipelineEvent(JSON.parse(JSON.stringify(persisted)), { type: 'HOLD' });
      expect(held.status).toBe('on_hold');
      const resumed = applyPipelineEvent(JSON.parse(JSON.stringify(held.persisted)), { type: 'RESUME' });
      expect(resumed.status).toBe(phase);
    }
  });

  it("reads an earlier release's approved idea (a final state then) as an approved pilot that can move on", () => {
    const old = { status: 'done', value: 'approved', historyValue: {}, context: undefined, children: {} };
    expect(statusOf(restorePipeline(old))).toBe('approved');
    expect(applyPipelineEvent(old, { type: 'ADVANCE', facts: pilotFacts('mainstream') }).status).toBe('mobilising');
  });
});
