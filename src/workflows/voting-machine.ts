import { and, createActor, initialTransition, type SnapshotFrom, setup, transition } from 'xstate';

/** Events of a voting round: a cast is accepted only while open, before the deadline, from an eligible person. */
export type RoundEvent =
  | { type: 'CAST'; eligible: boolean; now: string; closesAt: string }
  | { type: 'CLOSE' }
  | { type: 'DEADLINE_PASSED'; now: string; closesAt: string };

/** The life of one voting round (SPEC 3): open → closed. */
export const votingMachine = setup({
  types: { events: {} as RoundEvent },
  guards: {
    isEligible: ({ event }) => event.type === 'CAST' && event.eligible,
    isBeforeDeadline: ({ event }) => event.type === 'CAST' && Date.parse(event.now) < Date.parse(event.closesAt),
    isDeadlinePassed: ({ event }) =>
      event.type === 'DEADLINE_PASSED' && Date.parse(event.now) >= Date.parse(event.closesAt),
  },
}).createMachine({
  id: 'round',
  initial: 'open',
  states: {
    open: {
      on: {
        // A target (its own state) is needed: xstate's snapshot.can() is false for a targetless transition without actions.
        CAST: { target: 'open', guard: and(['isEligible', 'isBeforeDeadline']) },
        CLOSE: 'closed',
        DEADLINE_PASSED: { target: 'closed', guard: 'isDeadlinePassed' },
      },
    },
    closed: { type: 'final' },
  },
});

type RoundSnapshot = SnapshotFrom<typeof votingMachine>;

/** The persisted snapshot of a newly opened round. */
export function initialRoundSnapshot(): unknown {
  return JSON.parse(JSON.stringify(votingMachine.getPersistedSnapshot(initialTransition(votingMachine)[0])));
}

/** Whether the round in this persisted snapshot accepts the event, and the snapshot after it. */
export function applyRoundEvent(
  persisted: unknown,
  event: RoundEvent,
): { accepted: boolean; status: 'open' | 'closed'; persisted: unknown } {
  const before = createActor(votingMachine, { snapshot: persisted as RoundSnapshot }).getSnapshot();
  const accepted = before.can(event);
  const [after] = transition(votingMachine, before, event);
  return {
    accepted,
    status: after.value as 'open' | 'closed',
    persisted: JSON.parse(JSON.stringify(votingMachine.getPersistedSnapshot(after))),
  };
}
