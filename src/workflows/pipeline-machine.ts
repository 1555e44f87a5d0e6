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
  (stage: Parameters<typeof missingForGate>[0]) =>
  ({ event }: { event: PipelineEvent }) =>
    event.type === 'ADVANCE' && missingForGate(stage, event.facts).length === 0;

/**
 * The eight-stage pipeline of one idea (SPEC 2). Each ADVANCE is guarded by that stage's gate;
 * `on_hold` resumes to the stage it left (a history state); end states are final.
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
          on: { ADVANCE: { target: '#pipeline.approved', guard: 'isApprovedByJcc' }, RETURN: 'specialist_engagement' },
        },
        resume: { type: 'history' },
      },
    },
    on_hold: { on: { RESUME: 'active.resume', REJECT: 'rejected', WITHDRAW: 'withdrawn' } },
    approved: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
