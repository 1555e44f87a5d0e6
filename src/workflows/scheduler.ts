import { randomUUID } from 'node:crypto';
import type { Job } from '../store/store.js';
import type { ServiceDeps } from './deps.js';
import type { VotingService } from './voting-service.js';

/** How long a claimed job is held before another replica may take it over. */
export const JOB_LEASE_MS = 60_000;

/**
 * Runs every due job (round closes, reminders) once: each is claimed through the store with a
 * lease, so with several replicas only one runs it, and a dead replica's job is picked up later.
 */
export async function runDueJobs(deps: ServiceDeps, voting: VotingService, owner: string): Promise<Job[]> {
  const ran: Job[] = [];
  for (let i = 0; i < 1000; i++) {
    const job = await deps.store.claimDueJob(deps.clock(), owner, JOB_LEASE_MS);
    if (!job) break;
    try {
      await runJob(deps, voting, job);
      await deps.store.completeJob(job.id, owner);
      ran.push(job);
    } catch (error) {
      // Left leased: another attempt happens when the lease runs out.
      deps.logger.error('scheduled job failed', { jobId: job.id, error: String(error) });
    }
  }
  return ran;
}

async function runJob(deps: ServiceDeps, voting: VotingService, job: Job): Promise<void> {
  const round = await deps.store.getRound(job.roundId);
  // A close whose seal failed part-way is finished by its job's next attempt (close() seals it).
  if (job.kind === 'close_round' && round?.status === 'closed' && round.anonymous && !round.sealed) {
    await voting.close('system:scheduler', round.id);
    return;
  }
  if (round?.status !== 'open') return;
  if (job.kind === 'remind_round') {
    await voting.remind(round.id);
    return;
  }
  if (deps.clock() >= new Date(round.closesAt)) {
    await voting.close('system:scheduler', round.id).catch((error: unknown) => {
      if (!(error instanceof Error && 'code' in error && error.code === 'round_closed')) throw error;
    });
  }
}

/** Polls for due jobs every `intervalMs` until stopped. */
export function startScheduler(deps: ServiceDeps, voting: VotingService, intervalMs = 5_000): { stop(): void } {
  const owner = `replica-${randomUUID()}`;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDueJobs(deps, voting, owner);
    } catch (error) {
      deps.logger.error('scheduler tick failed', { error: String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
