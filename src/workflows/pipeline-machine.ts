import { setup } from 'xstate';
import { type GateFacts, missingForGate } from './gates.js';

/** Events the pipeline machine accepts; ADVANCE carries the facts its gate looks at. */
export type PipelineEvent =
  | { type: 'ADVANCE'; facts: GateFacts }
  | { type: 'RETURN' }
  | { type: 'HOLD' }
  | { type: 'RESUME' }
  | { type: 'REJECT' }
  | { type: 'WITHDRAW' };

const gateHolds =
  (phase: Parameters<typeof missingForGate>[0]) =>
  ({ event }: { event: PipelineEvent }) =>
    event.type === 'ADVANCE' && missingForGate(phase, event.facts).length === 0;

/** The evaluated pilot's gate holds and its recorded outcome is this one. */
const outcomeIs =
  (outcome: 'mainstream' | 'extend' | 'stop') =>
  ({ event }: { event: PipelineEvent }) =>
    gateHolds('evaluated')({ event }) &&
    event.type === 'ADVANCE' &&
    event.facts.artefacts.pilotOutcome?.outcome === outcome;

/**
 * The eight-stage pipeline of one idea (SPEC 2), then its life as a pilot (SPEC 2.2). Each ADVANCE is
 * guarded by that stage's or phase's gate; `on_hold` resumes to the stage it left, and a held pilot
 * (`pilot.held`, status `on_hold` too) to the phase it left (history states); end states are final.
 * An evaluated pilot's ADVANCE goes where its recorded outcome says: mainstreamed, extended or stopped.
 */
export const pipelineMachine = setup({
  types: { events: {} as PipelineEvent },
  guards: {
    hasCriteriaConfirmed: gateHolds('longlist'),
    hasEvidence: gateHolds('review'),
    isOutlineComplete: gateHolds('outline'),
    isShortlistDecided: gateHolds('shortlist'),
    hasFunding: gateHolds('funding'),
    hasProviderInterest: gateHolds('provider_scoping'),
    hasAllSignOffs: gateHolds('specialist_engagement'),
    isApprovedByJcc: gateHolds('final_proposal'),
    hasMeasures: gateHolds('approved'),
    isReadyToGoLive: gateHolds('mobilising'),
    isEvaluated: gateHolds('live'),
    toMainstream: outcomeIs('mainstream'),
    toExtend: outcomeIs('extend'),
    toStop: outcomeIs('stop'),
    hasNewReviewDate: gateHolds('extended'),
  },
}).createMachine({
  id: 'pipeline',
  initial: 'active',
  states: {
    active: {
      initial: 'longlist',
      on: { HOLD: 'on_hold', REJECT: 'rejected', WITHDRAW: 'withdrawn' },
      states: {
        longlist: { on: { ADVANCE: { target: 'review', guard: 'hasCriteriaConfirmed' } } },
        review: { on: { ADVANCE: { target: 'outline', guard: 'hasEvidence' }, RETURN: 'longlist' } },
        outline: { on: { ADVANCE: { target: 'shortlist', guard: 'isOutlineComplete' }, RETURN: 'review' } },
        shortlist: { on: { ADVANCE: { target: 'funding', guard: 'isShortlistDecided' }, RETURN: 'outline' } },
        funding: { on: { ADVANCE: { target: 'provider_scoping', guard: 'hasFunding' }, RETURN: 'shortlist' } },
        provider_scoping: {
          on: { ADVANCE: { target: 'specialist_engagement', guard: 'hasProviderInterest' }, RETURN: 'funding' },
        },
        specialist_engagement: {
          on: { ADVANCE: { target: 'final_proposal', guard: 'hasAllSignOffs' }, RETURN: 'provider_scoping' },
        },
        final_proposal: {
          on: { ADVANCE: { target: '#pipeline.pilot', guard: 'isApprovedByJcc' }, RETURN: 'specialist_engagement' },
        },
        resume: { type: 'history' },
      },
    },
    on_hold: { on: { RESUME: 'active.resume', REJECT: 'rejected', WITHDRAW: 'withdrawn' } },
    pilot: {
      initial: 'running',
      on: { REJECT: 'rejected', WITHDRAW: 'withdrawn' },
      states: {
        running: {
          initial: 'approved',
          on: { HOLD: 'held' },
          states: {
            approved: { on: { ADVANCE: { target: 'mobilising', guard: 'hasMeasures' } } },
            mobilising: { on: { ADVANCE: { target: 'live', guard: 'isReadyToGoLive' }, RETURN: 'approved' } },
            live: { on: { ADVANCE: { target: 'evaluated', guard: 'isEvaluated' }, RETURN: 'mobilising' } },
            evaluated: {
              on: {
                ADVANCE: [
                  { target: '#pipeline.mainstreamed', guard: 'toMainstream' },
                  { target: 'extended', guard: 'toExtend' },
                  { target: '#pipeline.stopped', guard: 'toStop' },
                ],
                RETURN: 'live',
              },
            },
            extended: { on: { ADVANCE: { target: 'live', guard: 'hasNewReviewDate' }, RETURN: 'evaluated' } },
            resume: { type: 'history' },
          },
        },
        held: { on: { RESUME: 'running.resume' } },
      },
    },
    mainstreamed: { type: 'final' },
    stopped: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
