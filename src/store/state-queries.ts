import type { AuditEvent } from '../domain/audit.js';
import type { Idea } from '../domain/idea.js';
import type { Person } from '../domain/person.js';
import type { Round } from '../domain/voting.js';
import { idNumber, mergeAudit } from './merge-audit.js';
import { type IdeaFilter, type Job, LEASE_CLOCK_SKEW_MS } from './store.js';
import type { StoreState } from './store-state.js';

/** Ideas matching the filter, in number order (the frozen records themselves). */
export function queryIdeas(state: StoreState, { status, submitterId }: IdeaFilter): Idea[] {
  const ideas: Idea[] = [];
  for (const idea of state.ideas.values()) {
    if (status !== undefined && idea.status !== status) continue;
    if (submitterId !== undefined && idea.submitterId !== submitterId) continue;
    ideas.push(idea);
  }
  return ideas.sort((a, b) => a.number - b.number);
}

/** Rounds matching the filter, in round-number order. */
export function queryRounds(state: StoreState, filter: { ideaId?: string; status?: Round['status'] }): Round[] {
  const { ideaId, status } = filter;
  return [...state.rounds.values()]
    .filter((r) => (ideaId === undefined || r.ideaId === ideaId) && (status === undefined || r.status === status))
    .sort((a, b) => idNumber(a.id) - idNumber(b.id));
}

/** People holding `role` (everyone without one), by id. */
export function queryPeople(state: StoreState, role: string | undefined): Person[] {
  return [...state.people.values()]
    .filter((p) => role === undefined || (p.roles as readonly string[]).includes(role))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Appended audit events plus ideas' histories, oldest first, optionally for one idea. */
export function queryAudit(state: StoreState, ideaId: string | undefined): AuditEvent[] {
  if (ideaId === undefined) {
    const ideas = [...state.ideas.values()].sort((a, b) => a.number - b.number);
    return mergeAudit(
      state.audit,
      ideas.map((idea) => idea.history),
    );
  }
  const appended = state.audit.filter((event) => event.ideaId === ideaId);
  return mergeAudit(appended, [state.ideas.get(ideaId)?.history ?? []]);
}

/** The earliest-due job that is not done and whose lease is free, or ended LEASE_CLOCK_SKEW_MS or more before `nowMs`. */
export function findDueJob(state: StoreState, nowMs: number): Job | undefined {
  let due: Job | undefined;
  for (const job of state.jobs.values()) {
    if (job.done || Date.parse(job.dueAt) > nowMs) continue;
    if (job.leaseUntil !== undefined && Date.parse(job.leaseUntil) + LEASE_CLOCK_SKEW_MS > nowMs) continue;
    if (!due || Date.parse(job.dueAt) < Date.parse(due.dueAt)) due = job;
  }
  return due;
}
