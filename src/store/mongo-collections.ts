import type { Collection, Db } from 'mongodb';
import type { AuditEvent } from '../domain/audit.js';
import type { ConflictDeclaration, Participation, Vote } from '../domain/voting.js';
import type { CounterDoc, DeliveryDoc, IdeaDoc, JobDoc, PersonDoc, RoundDoc, SettingDoc } from './mongo-docs.js';

/** The MongoDB store's collections, typed by what they hold. */
export interface MongoCollections {
  ideas: Collection<IdeaDoc>;
  rounds: Collection<RoundDoc>;
  votes: Collection<Vote>;
  participation: Collection<Participation>;
  /** Conflict answers; `_id` is `<ideaId> <roundId> <personId>`. */
  conflicts: Collection<ConflictDeclaration & { _id: string }>;
  people: Collection<PersonDoc>;
  audit: Collection<AuditEvent>;
  deliveries: Collection<DeliveryDoc>;
  settings: Collection<SettingDoc>;
  jobs: Collection<JobDoc>;
  counters: Collection<CounterDoc>;
}

/** The store's collections in `db` (collection names match the keys). */
export function mongoCollections(db: Db): MongoCollections {
  return {
    ideas: db.collection('ideas'),
    rounds: db.collection('rounds'),
    votes: db.collection('votes'),
    participation: db.collection('participation'),
    conflicts: db.collection('conflicts'),
    people: db.collection('people'),
    audit: db.collection('audit'),
    deliveries: db.collection('deliveries'),
    settings: db.collection('settings'),
    jobs: db.collection('jobs'),
    counters: db.collection('counters'),
  };
}
