import type { WithId } from 'mongodb';
import type { AuditEvent } from '../domain/audit.js';
import type { Idea } from '../domain/idea.js';
import type { Person } from '../domain/person.js';
import type { Participation, Round, Vote } from '../domain/voting.js';
import type { Job } from './store.js';

/** Stored shapes in MongoDB: records keyed by their id as `_id`; times compared by queries are Dates. */
export type IdeaDoc = Omit<Idea, 'id'> & { _id: string };
export type RoundDoc = Omit<Round, 'id'> & { _id: string };
export type PersonDoc = Omit<Person, 'id'> & { _id: string };
export interface CounterDoc {
  _id: string;
  seq: number;
}
export interface DeliveryDoc {
  _id: string;
  expiresAt: Date;
}
export interface SettingDoc {
  _id: string;
  value: unknown;
}
export interface JobDoc {
  _id: string;
  kind: Job['kind'];
  roundId: string;
  dueAt: Date;
  leaseOwner?: string;
  leaseUntil?: Date;
  done: boolean;
}

/** The record of a document keyed by `_id`: `_id` becomes `id` and never leaks. */
export function fromKeyed<T extends { _id: string }>(doc: T): Omit<T, '_id'> & { id: string } {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

/** The document of a record with an `id`: `id` becomes `_id`. */
export function toKeyed<T extends { id: string }>(record: T): Omit<T, 'id'> & { _id: string } {
  const { id, ...rest } = record;
  return { _id: id, ...rest };
}

/** A vote without its generated `_id`. */
export function toVote({ _id, ...vote }: WithId<Vote>): Vote {
  return vote;
}

/** A participation record without its generated `_id`. */
export function toParticipation({ _id, ...participation }: WithId<Participation>): Participation {
  return participation;
}

/** An audit event without its generated `_id`. */
export function toAuditEvent({ _id, ...event }: WithId<AuditEvent>): AuditEvent {
  return event;
}

/** A job with its Dates back as UTC ISO strings, and no lease fields unless leased. */
export function toJob(doc: JobDoc): Job {
  const job: Job = {
    id: doc._id,
    kind: doc.kind,
    roundId: doc.roundId,
    dueAt: doc.dueAt.toISOString(),
    done: doc.done,
  };
  if (doc.leaseOwner !== undefined) job.leaseOwner = doc.leaseOwner;
  if (doc.leaseUntil !== undefined) job.leaseUntil = doc.leaseUntil.toISOString();
  return job;
}

/** Splits a record for a `$set`/`$unset` update: defined fields to set, and the known keys it lacks to unset. */
export function setAndUnset<T extends object>(
  fields: T,
  knownKeys: readonly string[],
): { set: Partial<T>; unset: Record<string, ''> } {
  const set: Partial<T> = {};
  const unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(set, { [key]: value });
  for (const key of knownKeys) if ((fields as Record<string, unknown>)[key] === undefined) unset[key] = '';
  return { set, unset };
}

/** True for MongoDB's duplicate-key error (E11000). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}

/**
 * Runs an upsert, and runs it once more if it failed with a duplicate key: two upserts of the same new
 * key can both find nothing and both insert, and the loser gets E11000. Its retry finds the winner's
 * document and updates it, so every racer resolves and the last write wins, as in the embedded store.
 */
export async function retryOnDuplicateKey<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return upsert();
  }
}

/** Turns a duplicate-key failure of an insert into "<what> already exists". */
export async function explainDuplicate(insert: Promise<unknown>, what: string): Promise<void> {
  try {
    await insert;
  } catch (error) {
    if (isDuplicateKey(error)) throw new Error(`${what} already exists`, { cause: error });
    throw error;
  }
}
