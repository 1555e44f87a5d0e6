import { runCheckIn } from './check-ins.js';
import { randomUUID } from 'node:crypto';
import type { Job } from '../store/store.js';
import type { ServiceDeps } from './deps.js';
import { PURGE_FILES_EVERY_MS, PURGE_FILES_JOB_ID, purgeExpiredFiles } from './purge-files.js';
import { roundStateOf } from './voting-machine.js';
import { scheduleNextDigest, sendWeeklyDigest } from './weekly-digest.js';
import type { VotingService } from './voting-service.js';

/** How long a claimed job is held; another replica may take it over LEASE_CLOCK_SKEW_MS (30 s) after that. */
export const JOB_LEASE_MS = 60_000;

/**
 * Makes sure the periodic `purge_files` job exists (start-up calls it; idempotent, every replica may):
 * scheduled now if there is none or the last run left it done without a next one.
 */
export async function ensurePurgeScheduled(deps: Pick<ServiceDeps, 'store' | 'clock'>): Promise<void> {
  const job = await deps.store.getJob(PURGE_FILES_JOB_ID);
  if (job && !job.done) return;
  await deps.store.scheduleJob({
    id: PURGE_FILES_JOB_ID,
    kind: 'purge_files',
    roundId: '',
    dueAt: deps.clock().toISOString(),
  });
}

/**
 * Runs every due job (round closes, reminders, the file purge, the weekly digest) once: each is claimed through the store with a
 * lease, so with several replicas only one runs it, and a dead replica's job is picked up later.
 */
export async function runDueJobs(
  deps: ServiceDeps,
  voting: VotingService,
  owner: string,
  stopping: () => boolean = () => false,
): Promise<Job[]> {
  const ran: Job[] = [];
  for (let i = 0; i < 1000 && !stopping(); i++) {
    const job = await deps.store.claimDueJob(deps.clock(), owner, JOB_LEASE_MS);
    if (!job) break;
    try {
      await runJob(deps, voting, job);
      const completed = await deps.store.completeJob(job.id, owner);
      // The purge comes round again: the replica that completed this run schedules the next.
      if (completed && job.kind === 'purge_files') {
        const dueAt = new Date(deps.clock().getTime() + PURGE_FILES_EVERY_MS).toISOString();
        await deps.store.scheduleJob({ id: job.id, kind: job.kind, roundId: '', dueAt });
      }
      // So does the digest, on its next configured day and local time.
      if (completed && job.kind === 'weekly_digest') await scheduleNextDigest(deps);
      ran.push(job);
    } catch (error) {
      // Left leased: another attempt happens when the lease runs out.
      deps.logger.error('scheduled job failed', { jobId: job.id, err: error });
    }
  }
  return ran;
}

async function runJob(deps: ServiceDeps, voting: VotingService, job: Job): Promise<void> {
  if (job.kind === 'purge_files') {
    const purged = await purgeExpiredFiles(deps.store, deps.clock());
    if (purged.length > 0) deps.logger.info('expired files purged', { count: purged.length });
    return;
  }
  if (job.kind === 'measure_checkin') {
    await runCheckIn(deps, job);
    return;
  }
  if (job.kind === 'weekly_digest') {
    const sent = await sendWeeklyDigest(deps);
    deps.logger.info('weekly digest sent', sent);
    return;
  }
  const round = await deps.store.getRound(job.roundId);
  if (!round) return;
  // The round's machine decides: a close job closes a round whose deadline has come, and finishes a
  // close whose seal failed part-way; a reminder goes only to an open round.
  if (job.kind === 'close_round') {
    const closed = await voting.closeAtDeadline(round.id);
    const now = await deps.store.getRound(round.id);
    // Not closed and still open (a job claimed before its round's deadline): kept, to run again after its lease.
    if (!closed && now && roundStateOf(now.snapshot) === 'open')
      throw new Error(`the vote ${round.id} is not due to close until ${round.closesAt}`);
    return;
  }
  if (roundStateOf(round.snapshot) === 'open') await voting.remind(round.id);
}

/**
 * Polls for due jobs every `intervalMs` until stopped; `stop()` resolves once a tick in progress has
 * finished (a job it has not reached stays due, for this or another replica to run later).
 */
export function startScheduler(
  deps: ServiceDeps,
  voting: VotingService,
  intervalMs = 5_000,
): { stop(): Promise<void> } {
  const owner = `replica-${randomUUID()}`;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        await runDueJobs(deps, voting, owner, () => stopped);
      } catch (error) {
        deps.logger.error('scheduler tick failed', { err: error });
      }
    })();
    await running;
    running = null;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
