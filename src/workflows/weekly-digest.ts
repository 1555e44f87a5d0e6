import { type PilotProgress, pilotProgress } from '../reports/pilot-progress.js';
import type { Idea } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import { hasChatAccount } from '../domain/person.js';
import type { Status } from '../domain/reference-data.js';
import { overdueSince } from '../domain/stage-targets.js';
import { digestView } from '../views/digest-views.js';
import type { ServiceDeps } from './deps.js';
import { nextWeekly } from './next-weekly.js';
import { deliver } from './notify.js';

/** The one weekly digest job (its id is stable, so every replica schedules the same job). */
export const WEEKLY_DIGEST_JOB_ID = 'weekly_digest';

const WEEK_MS = 7 * 86_400_000;

/** One move of an idea from one status to another, from its audit trail. */
export interface DigestMove {
  idea: Idea;
  from: Status;
  to: Status;
  at: string;
}

/** What the digest says: the week's moves and the overdue ideas (each with its target day). */
export interface Digest {
  since: Date;
  now: Date;
  moves: DigestMove[];
  overdue: { idea: Idea; target: string }[];
  /** Pilots in delivery, each measure against its target (SPEC 2.2). */
  pilots: PilotProgress[];
}

/** Gathers the digest in one pass over the ideas and their audit trails: moves since a week before `now`, and what is overdue. */
export function buildDigest(ideas: Idea[], stageDays: Readonly<Record<string, number>>, now: Date): Digest {
  const since = new Date(now.getTime() - WEEK_MS);
  const sinceIso = since.toISOString();
  const moves: DigestMove[] = [];
  const overdue: Digest['overdue'] = [];
  for (const idea of ideas) {
    for (let i = idea.history.length - 1; i >= 0; i--) {
      const event = idea.history[i]!;
      if (event.at < sinceIso) break;
      if (event.from && event.to && event.from !== event.to)
        moves.push({ idea, from: event.from, to: event.to, at: event.at });
    }
    const target = overdueSince(idea, stageDays, now);
    if (target) overdue.push({ idea, target });
  }
  moves.sort((a, b) => a.at.localeCompare(b.at));
  overdue.sort((a, b) => a.target.localeCompare(b.target));
  return { since, now, moves, overdue, pilots: pilotProgress(ideas) };
}

/** The digest a PM gets: the week's moves, and the overdue ideas they look after (or that no PM has moved yet). */
export function digestFor(digest: Digest, pmId: string): Digest {
  return {
    ...digest,
    overdue: digest.overdue.filter(({ idea }) => {
      const pm = ideaPm(idea);
      return !pm || pm === pmId;
    }),
  };
}

/** Sends this week's digest: a direct message to each PM, and a post in each committee channel. */
export async function sendWeeklyDigest(deps: ServiceDeps): Promise<{ pms: number; channels: number }> {
  const now = deps.clock();
  const [ideas, pms] = await Promise.all([deps.store.listIdeas(), deps.store.listPeople({ role: 'pm' })]);
  const digest = buildDigest(ideas, deps.rules.stageDays, now);
  const people = pms.filter((p) => hasChatAccount(p.id));
  await Promise.all(people.map((p) => deliver(deps, p.id, digestView(digestFor(digest, p.id), 'pm'))));
  const channels = deps.committeeChannels ?? [];
  for (const channel of channels) {
    try {
      await deps.notifier.channel(channel, digestView(digest, 'committee'));
    } catch (error) {
      deps.logger.error('weekly digest post failed', { channel, err: error });
    }
  }
  return { pms: people.length, channels: channels.length };
}

/**
 * Makes sure the weekly digest is scheduled for its next day and time (start-up calls it; every replica
 * may): a job already due is left to run; one due later is moved if the configured schedule changed.
 */
export async function ensureDigestScheduled(deps: Pick<ServiceDeps, 'store' | 'clock' | 'rules'>): Promise<void> {
  const now = deps.clock();
  const job = await deps.store.getJob(WEEKLY_DIGEST_JOB_ID);
  const next = nextWeekly(now, deps.rules.digest).toISOString();
  if (job && !job.done && (job.dueAt <= now.toISOString() || job.dueAt === next)) return;
  await deps.store.scheduleJob({ id: WEEKLY_DIGEST_JOB_ID, kind: 'weekly_digest', roundId: '', dueAt: next });
}

/** Schedules the digest after the one just sent: the next configured day and time after `now`. */
export async function scheduleNextDigest(deps: Pick<ServiceDeps, 'store' | 'clock' | 'rules'>): Promise<void> {
  const dueAt = nextWeekly(deps.clock(), deps.rules.digest).toISOString();
  await deps.store.scheduleJob({ id: WEEKLY_DIGEST_JOB_ID, kind: 'weekly_digest', roundId: '', dueAt });
}
