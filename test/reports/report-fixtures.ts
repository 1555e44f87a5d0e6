import type { Idea } from '../../src/domain/idea.js';
import type { OutcomeId, Status } from '../../src/domain/reference-data.js';
import { makeSparseIdea } from '../templates/case-fixtures.js';

const base = makeSparseIdea();

/** A valid idea numbered `n`, in `status` since `daysAgo` days before `now`; cheap enough to make 10,000. */
export function makeIdea(n: number, status: Status, daysAgo: number, now: Date, outcomes: OutcomeId[] = []): Idea {
  const since = new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  return {
    ...base,
    id: `IP-${n}`,
    number: n,
    title: `Idea ${n}`,
    status,
    lastStage:
      status === 'on_hold' || status === 'approved' || status === 'rejected' || status === 'withdrawn'
        ? 'outline'
        : status,
    statusSince: since,
    createdAt: since,
    outcomes: outcomes.length > 0 ? outcomes : base.outcomes,
  } as Idea;
}
