import { getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  castVerdict,
  initialRoundSnapshot,
  type RoundEvent,
  roundStateOf,
  stepRound,
  votingMachine,
} from '../../src/workflows/voting-machine.js';

const closesAt = '2026-11-23T12:00:00.000Z';
const before = '2026-11-23T11:59:59.999Z';
const after = '2026-11-23T12:00:00.000Z';

/** Every kind of event a round can meet, each on both sides of its deadline where that matters. */
const EVENTS: RoundEvent[] = [
  { type: 'CAST', eligible: true, now: before, closesAt },
  { type: 'CAST', eligible: false, now: before, closesAt },
  { type: 'CAST', eligible: true, now: after, closesAt },
  { type: 'DEADLINE_PASSED', now: before, closesAt },
  { type: 'DEADLINE_PASSED', now: after, closesAt },
  { type: 'CLOSE' },
];

const serializeState = (state: { value: unknown }) => JSON.stringify(state.value);
const serializeEvent = (event: RoundEvent) => JSON.stringify(event);

describe('voting machine: every path, enumerated with @xstate/graph', () => {
  const paths = getSimplePaths(votingMachine, { events: EVENTS, serializeState, serializeEvent });

  it('reaches open and closed, and nothing else', () => {
    expect(new Set(paths.map((p) => p.state.value))).toEqual(new Set(['open', 'closed']));
  });

  it('closes only by a PM’s CLOSE or by DEADLINE_PASSED once the deadline has come', () => {
    const closings = paths.flatMap((path) =>
      path.steps.filter(
        (step, i) => step.state.value === 'closed' && (path.steps[i - 1]?.state.value ?? 'open') === 'open',
      ),
    );
    expect(closings.length).toBeGreaterThan(0);
    for (const step of closings) {
      const event = step.event as RoundEvent;
      if (event.type === 'DEADLINE_PASSED') expect(Date.parse(event.now)).toBeGreaterThanOrEqual(Date.parse(closesAt));
      else expect(event.type).toBe('CLOSE');
    }
  });

  it('a closed round is final: no event is accepted, a vote least of all', () => {
    const closed = stepRound({ snapshot: initialRoundSnapshot(), status: 'open' as const }, { type: 'CLOSE' }).round;
    expect(closed.status).toBe('closed');
    for (const event of EVENTS) {
      const step = stepRound(closed, event);
      expect(step.accepted, JSON.stringify(event)).toBe(false);
      expect(step.round).toBe(closed);
    }
  });
});

describe('what the service asks the machine', () => {
  const open = () => ({ snapshot: initialRoundSnapshot(), status: 'open' as const, closesAt });

  it('a vote is taken before the deadline from an eligible person, and only then', () => {
    expect(castVerdict(open(), true, new Date(before))).toBe('accepted');
    expect(castVerdict(open(), false, new Date(before))).toBe('not_eligible');
    // At the deadline the round is closed for voting even before the close job has run.
    expect(castVerdict(open(), true, new Date(after))).toBe('closed');
    expect(castVerdict(open(), false, new Date(after))).toBe('closed');
    const closed = { ...stepRound(open(), { type: 'CLOSE' }).round, closesAt };
    expect(castVerdict(closed, true, new Date(before))).toBe('closed');
  });

  it('a refused event leaves the round as it was; an accepted one writes status from the snapshot', () => {
    const round = open();
    const early = stepRound(round, { type: 'DEADLINE_PASSED', now: before, closesAt });
    expect(early).toEqual({ accepted: false, round });
    const due = stepRound(round, { type: 'DEADLINE_PASSED', now: after, closesAt });
    expect(due.accepted).toBe(true);
    expect(due.round.status).toBe('closed');
    expect(roundStateOf(due.round.snapshot)).toBe('closed');
    // What is stored is plain JSON, and reads back as the same state.
    expect(roundStateOf(JSON.parse(JSON.stringify(due.round.snapshot)))).toBe('closed');
  });
});
