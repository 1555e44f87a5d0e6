import type { AuditEvent } from '../domain/audit.js';
import type { Idea } from '../domain/idea.js';
import type { Person } from '../domain/person.js';
import type { ConflictDeclaration, Participation, Round, Vote } from '../domain/voting.js';
import type { FileMeta, Job } from './store.js';

/** Names of the embedded store's counters. */
export type CounterName = 'idea' | 'round' | 'person';

/** A stored file's metadata in the embedded store (its bytes are `files/<id>` in the data folder). */
export interface FileRecord {
  id: string;
  meta: FileMeta;
  size: number;
  expiresAt: string;
}

/** One durable change to the embedded store: a journal line's payload, also the unit of a snapshot. */
export type StoreOp =
  | { op: 'counter'; name: CounterName; value: number }
  | { op: 'idea.put'; idea: Idea }
  | { op: 'idea.save'; idea: Omit<Idea, 'history'>; events: AuditEvent[] }
  | { op: 'round'; round: Round }
  | { op: 'vote'; vote: Vote }
  | { op: 'participation'; participation: Participation }
  | { op: 'ballots.seal'; roundId: string }
  | { op: 'conflict'; declaration: ConflictDeclaration }
  | { op: 'person'; person: Person; erasesEarlier?: boolean }
  | { op: 'audit'; event: AuditEvent }
  | { op: 'delivery'; key: string; expiresAt: string }
  | { op: 'setting'; key: string; value: unknown }
  | { op: 'setting.delete'; key: string }
  | { op: 'file'; file: FileRecord }
  | { op: 'file.delete'; id: string }
  | { op: 'job'; job: Job }
  | { op: 'job.cancel'; id: string };

const OP_NAMES: ReadonlySet<string> = new Set<StoreOp['op']>([
  'counter',
  'idea.put',
  'idea.save',
  'round',
  'vote',
  'participation',
  'ballots.seal',
  'conflict',
  'person',
  'audit',
  'delivery',
  'setting',
  'setting.delete',
  'file',
  'file.delete',
  'job',
  'job.cancel',
]);

/** Narrows a parsed journal or snapshot entry to a StoreOp; throws when it names no known op. */
export function toStoreOp(value: unknown): StoreOp {
  if (typeof value === 'object' && value !== null && 'op' in value && OP_NAMES.has(String(value.op))) {
    return value as StoreOp;
  }
  throw new Error(`unknown store operation ${JSON.stringify(value)?.slice(0, 80)}`);
}
