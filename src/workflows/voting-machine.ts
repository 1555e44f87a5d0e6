import { and, createActor, initialTransition, type SnapshotFrom, setup, transition } from 'xstate';

/** Events of a voting round: a cast is accepted only while open, before the deadline, from an eligible person. */
export type RoundEvent =
  | { type: 'CAST'; eligible: boolean; now: string; closesAt: string }
  | { type: 'CLOSE' }
  | { type: 'DEADLINE_PASSED'; now: string; closesAt: string };

/**
 * The life of one voting round (SPEC 3): open → closed, by a PM's `CLOSE` or by the close job's
 * `DEADLINE_PASSED` once the deadline has come. The machine is the one source of a round's state:
 * the service asks it whether a vote is taken and whether a close happens, and stores what it says.
 */
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

/** A round's state: what its machine's snapshot says. */
export type RoundState = 'open' | 'closed';

/** The persisted snapshot of a newly opened round. */
export function initialRoundSnapshot(): unknown {
  return JSON.parse(JSON.stringify(votingMachine.getPersistedSnapshot(initialTransition(votingMachine)[0])));
}

function restore(persisted: unknown): RoundSnapshot {
  return createActor(votingMachine, { snapshot: persisted as RoundSnapshot }).getSnapshot();
}

/** The state of the round in this persisted snapshot. */
export function roundStateOf(persisted: unknown): RoundState {
  return restore(persisted).value as RoundState;
}

/**
 * Whether the round's machine accepts the event, and the round after it: its snapshot and its `status`,
 * which is only ever written here, as a copy of the machine's state that the stores can query and index
 * (a round's `status` is never set by hand). A refused event leaves the round as it was.
 */
export function stepRound<R extends { snapshot: unknown; status: RoundState }>(
  round: R,
  event: RoundEvent,
): { accepted: boolean; round: R } {
  const before = restore(round.snapshot);
  if (!before.can(event)) return { accepted: false, round };
  const [after] = transition(votingMachine, before, event);
  return {
    accepted: true,
    round: {
      ...round,
      status: after.value as RoundState,
      snapshot: JSON.parse(JSON.stringify(votingMachine.getPersistedSnapshot(after))),
    },
  };
}

/** What the machine says of a vote cast now: counted, too late (closed, or its deadline passed), or not for this person. */
export type CastVerdict = 'accepted' | 'closed' | 'not_eligible';

/** Asks the round's machine whether a vote cast at `now` by a person (eligible or not) is taken. */
export function castVerdict(
  round: { snapshot: unknown; status: RoundState; closesAt: string },
  eligible: boolean,
  now: Date,
): CastVerdict {
  const at = now.toISOString();
  const late = stepRound(round, { type: 'DEADLINE_PASSED', now: at, closesAt: round.closesAt });
  if (roundStateOf(round.snapshot) === 'closed' || late.accepted) return 'closed';
  return stepRound(round, { type: 'CAST', eligible, now: at, closesAt: round.closesAt }).accepted
    ? 'accepted'
    : 'not_eligible';
}
