import type { MongoClient } from 'mongodb';
import type { AuditEvent } from '../domain/audit.js';
import { type Idea, ideaSchema } from '../domain/idea.js';
import type { Person } from '../domain/person.js';
import { VersionConflictError } from '../domain/pilot-error.js';
import type { Role } from '../domain/reference-data.js';
import { type ConflictDeclaration, type Participation, type Round, roundSchema, type Vote } from '../domain/voting.js';
import { idNumber, mergeAudit } from './merge-audit.js';
import { type MongoCollections, mongoCollections } from './mongo-collections.js';
import {
  connectClient,
  dbNameFromUri,
  ensureIndexes,
  IndexConflictError,
  type MongoConnectOptions,
  setupFailed,
  unreachable,
} from './mongo-connect.js';
import {
  explainDuplicate,
  fromKeyed,
  type IdeaDoc,
  isDuplicateKey,
  retryOnDuplicateKey,
  type RoundDoc,
  setAndUnset,
  toAuditEvent,
  toJob,
  toKeyed,
  toParticipation,
  toVote,
} from './mongo-docs.js';
import { MongoFiles } from './mongo-files.js';
import { type FileMeta, type IdeaFilter, type Job, LEASE_CLOCK_SKEW_MS, type Store, type StoredFile } from './store.js';

/**
 * Reads that feed a version check (an idea or round read, changed, then saved with its version) go to
 * the primary whatever readPreference MONGODB_URI names: a secondary may lag and hand out a stale version.
 */
const PRIMARY = { readPreference: 'primary' } as const;

/** What the store needs of its connection besides the collections: a health check and closing. */
export interface MongoConnection {
  ping(): Promise<void>;
  close(): Promise<void>;
}

function clientConnection(client: MongoClient, uri: string, ping: () => Promise<unknown>): MongoConnection {
  return {
    ping: async () => {
      try {
        await ping();
      } catch (error) {
        throw unreachable(uri, error);
      }
    },
    close: () => client.close(),
  };
}

// Every field a save may leave out is unset, so a save replaces the record as the embedded store does.
const IDEA_KEYS = Object.keys(ideaSchema.shape).filter((k) => !['id', 'history', 'version'].includes(k));
const ROUND_KEYS = Object.keys(roundSchema.shape).filter((k) => !['id', 'version'].includes(k));

/**
 * The MongoDB store: one collection per record kind, uniqueness and expiry by indexes, versioned saves
 * as conditional single-document updates, counters and leases as atomic findOneAndUpdate.
 * Records come back as fresh objects (`_id` mapped to `id`); job times come back as UTC ISO strings.
 */
export class MongoStore implements Store {
  private closed = false;

  private constructor(
    private readonly c: MongoCollections,
    private readonly connection: MongoConnection,
    /** GridFS files; absent for stores over injected collection doubles, whose file calls then throw. */
    private readonly files?: MongoFiles,
  ) {}

  /** Connects, creates the indexes, and returns the store; failures say to check MONGODB_URI. */
  static async connect(uri: string, options: MongoConnectOptions = {}): Promise<MongoStore> {
    const client = await connectClient(uri, options);
    const dbName = options.dbName ?? dbNameFromUri(uri) ?? 'pilot_pipeline';
    const db = client.db(dbName);
    const collections = mongoCollections(db);
    let files: MongoFiles;
    try {
      await ensureIndexes(collections);
      files = await MongoFiles.open(db);
    } catch (error) {
      await client.close().catch(() => undefined);
      // An index with other options needs the operator, not new rights: say which index to drop.
      if (error instanceof IndexConflictError) throw error;
      throw setupFailed(uri, dbName, error);
    }
    return new MongoStore(
      collections,
      clientConnection(client, uri, () => db.command({ ping: 1 })),
      files,
    );
  }

  /**
   * The store over collections the caller already has (tests inject collection doubles here):
   * creates the indexes, then works on `collections` alone.
   */
  static async fromCollections(
    collections: MongoCollections,
    connection: MongoConnection,
    files?: MongoFiles,
  ): Promise<MongoStore> {
    await ensureIndexes(collections);
    return new MongoStore(collections, connection, files);
  }

  nextIdeaNumber(): Promise<number> {
    return this.next('idea');
  }

  nextRoundNumber(): Promise<number> {
    return this.next('round');
  }

  nextPersonNumber(): Promise<number> {
    return this.next('person');
  }

  async insertIdea(idea: Idea): Promise<void> {
    if (idea.version !== 1) throw new Error(`Idea ${idea.id} must be inserted with version 1, not ${idea.version}`);
    await explainDuplicate(this.c.ideas.insertOne(toKeyed(idea)), `Idea ${idea.id}`);
  }

  async getIdea(id: string): Promise<Idea | null> {
    const doc = await this.c.ideas.findOne({ _id: id }, PRIMARY);
    return doc ? fromKeyed(doc) : null;
  }

  async saveIdea(idea: Idea, expectedVersion: number, events: AuditEvent[]): Promise<Idea> {
    const { id, history: _ignored, version: _v, ...fields } = idea;
    const { set, unset } = setAndUnset(fields, IDEA_KEYS);
    const doc = await this.c.ideas.findOneAndUpdate(
      { _id: id, version: expectedVersion },
      {
        $set: { ...set, version: expectedVersion + 1 },
        ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
        $push: { history: { $each: events } },
      },
      { returnDocument: 'after' },
    );
    if (!doc) throw new VersionConflictError(`Idea ${id}`);
    return fromKeyed(doc);
  }

  async listIdeas(filter: IdeaFilter = {}): Promise<Idea[]> {
    const query: Partial<Pick<IdeaDoc, 'status' | 'submitterId'>> = {};
    if (filter.status !== undefined) query.status = filter.status;
    if (filter.submitterId !== undefined) query.submitterId = filter.submitterId;
    const docs = await this.c.ideas.find(query, PRIMARY).sort({ number: 1 }).toArray();
    return docs.map(fromKeyed);
  }

  countIdeas(): Promise<number> {
    return this.c.ideas.countDocuments({});
  }

  async insertRound(round: Round): Promise<void> {
    await explainDuplicate(this.c.rounds.insertOne(toKeyed(round)), `Round ${round.id}`);
  }

  async getRound(id: string): Promise<Round | null> {
    const doc = await this.c.rounds.findOne({ _id: id }, PRIMARY);
    return doc ? fromKeyed(doc) : null;
  }

  async saveRound(round: Round, expectedVersion: number): Promise<Round> {
    const { id, version: _v, ...fields } = round;
    const { set, unset } = setAndUnset(fields, ROUND_KEYS);
    const doc = await this.c.rounds.findOneAndUpdate(
      { _id: id, version: expectedVersion },
      { $set: { ...set, version: expectedVersion + 1 }, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
      { returnDocument: 'after' },
    );
    if (!doc) throw new VersionConflictError(`Round ${id}`);
    return fromKeyed(doc);
  }

  async listRounds(filter: { ideaId?: string; status?: Round['status'] } = {}): Promise<Round[]> {
    const query: Partial<Pick<RoundDoc, 'ideaId' | 'status'>> = {};
    if (filter.ideaId !== undefined) query.ideaId = filter.ideaId;
    if (filter.status !== undefined) query.status = filter.status;
    const docs = await this.c.rounds.find(query, PRIMARY).toArray();
    return docs.map((doc): Round => fromKeyed(doc)).sort((a, b) => idNumber(a.id) - idNumber(b.id));
  }

  async putVote(vote: Vote): Promise<{ replaced: boolean }> {
    const replace = () =>
      this.c.votes.replaceOne({ roundId: vote.roundId, voterKey: vote.voterKey }, { ...vote }, { upsert: true });
    // Two first votes can race to insert; the loser's retry matches the winner's document and replaces it.
    return { replaced: (await retryOnDuplicateKey(replace)).matchedCount > 0 };
  }

  async getVote(roundId: string, voterKey: string): Promise<Vote | null> {
    const doc = await this.c.votes.findOne({ roundId, voterKey });
    return doc ? toVote(doc) : null;
  }

  async listVotes(roundId: string): Promise<Vote[]> {
    return (await this.c.votes.find({ roundId }).sort({ _id: 1 }).toArray()).map(toVote);
  }

  async putParticipation(participation: Participation): Promise<void> {
    const { roundId, personId } = participation;
    try {
      await this.c.participation.updateOne(
        { roundId, personId },
        { $setOnInsert: { ...participation } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error; // a concurrent first record won: nothing left to do
    }
  }

  async listParticipation(roundId: string): Promise<Participation[]> {
    return (await this.c.participation.find({ roundId }).sort({ _id: 1 }).toArray()).map(toParticipation);
  }

  async sealBallots(roundId: string): Promise<void> {
    // Votes first: if the process dies in between, the round is sealed again at the next start-up.
    // The oplog and backups keep what was deleted for their own retention: see docs/operations.md.
    await this.c.votes.deleteMany({ roundId });
    await this.c.participation.updateMany({ roundId }, { $unset: { at: '' } });
  }

  async putConflict(declaration: ConflictDeclaration): Promise<void> {
    const _id = `${declaration.ideaId} ${declaration.roundId} ${declaration.personId}`;
    await retryOnDuplicateKey(() => this.c.conflicts.replaceOne({ _id }, { ...declaration }, { upsert: true }));
  }

  async listConflicts(filter: { ideaId: string; roundId?: string }): Promise<ConflictDeclaration[]> {
    const query = filter.roundId === undefined ? { ideaId: filter.ideaId } : { ...filter };
    const docs = await this.c.conflicts.find(query).sort({ roundId: 1, personId: 1 }).toArray();
    return docs.map(({ _id, ...declaration }) => declaration);
  }

  async getPerson(id: string): Promise<Person | null> {
    const doc = await this.c.people.findOne({ _id: id });
    return doc ? fromKeyed(doc) : null;
  }

  async putPerson(person: Person): Promise<void> {
    const { _id, ...doc } = toKeyed(person);
    await retryOnDuplicateKey(() => this.c.people.replaceOne({ _id }, doc, { upsert: true }));
  }

  async replacePersonErasingEarlier(person: Person): Promise<void> {
    await this.putPerson(person);
  }

  async listPeople(filter: { role?: string } = {}): Promise<Person[]> {
    const query = filter.role === undefined ? {} : { roles: filter.role as Role };
    return (await this.c.people.find(query).sort({ _id: 1 }).toArray()).map(fromKeyed);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.c.audit.insertOne({ ...event }); // a copy: the driver would add `_id` to the object it is given
  }

  async listAudit(filter: { ideaId?: string } = {}): Promise<AuditEvent[]> {
    const { ideaId } = filter;
    const [appended, ideas] = await Promise.all([
      this.c.audit
        .find(ideaId === undefined ? {} : { ideaId })
        .sort({ _id: 1 })
        .toArray(),
      this.c.ideas
        .find(ideaId === undefined ? {} : { _id: ideaId })
        .sort({ number: 1 })
        .project<{ history?: AuditEvent[] }>({ _id: 0, history: 1 })
        .toArray(),
    ]);
    return mergeAudit(
      appended.map(toAuditEvent),
      ideas.map((doc) => doc.history ?? []),
    );
  }

  async claimDelivery(key: string, now: Date, ttlMs: number): Promise<boolean> {
    // Stored with the clock-skew margin already added, so the TTL monitor (on the server's clock) and
    // other replicas (on theirs) both leave the key alone until the claimer's own expiry has surely passed.
    const expiresAt = new Date(now.getTime() + ttlMs + LEASE_CLOCK_SKEW_MS);
    try {
      await this.c.deliveries.insertOne({ _id: key, expiresAt });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // Seen before: take it over only if that claim has expired (the TTL monitor may not have removed it yet).
    const taken = await this.c.deliveries.updateOne({ _id: key, expiresAt: { $lte: now } }, { $set: { expiresAt } });
    return taken.matchedCount === 1;
  }

  async getSetting<T = unknown>(key: string): Promise<T | null> {
    const doc = await this.c.settings.findOne({ _id: key });
    return (doc?.value as T | undefined) ?? null;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    await retryOnDuplicateKey(() => this.c.settings.replaceOne({ _id: key }, { value }, { upsert: true }));
  }

  async listSettingKeys(prefix: string): Promise<string[]> {
    const pattern = `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    const docs = await this.c.settings
      .find({ _id: { $regex: pattern } })
      .project<{ _id: string }>({ _id: 1 })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => doc._id);
  }

  async deleteSetting(key: string): Promise<void> {
    await this.c.settings.deleteOne({ _id: key });
  }

  putFile(id: string, bytes: Uint8Array, meta: FileMeta, expiresAt: Date): Promise<void> {
    return this.fileStore().putFile(id, bytes, meta, expiresAt);
  }

  getFile(id: string): Promise<StoredFile | null> {
    return this.fileStore().getFile(id);
  }

  deleteFile(id: string): Promise<void> {
    return this.fileStore().deleteFile(id);
  }

  listExpiredFiles(now: Date): Promise<string[]> {
    return this.fileStore().listExpiredFiles(now);
  }

  async scheduleJob(job: Omit<Job, 'done' | 'leaseOwner' | 'leaseUntil'>): Promise<void> {
    const dueAt = new Date(job.dueAt);
    if (Number.isNaN(dueAt.getTime())) throw new Error(`Job ${job.id} has an invalid dueAt: ${job.dueAt}`);
    await retryOnDuplicateKey(() =>
      this.c.jobs.updateOne(
        { _id: job.id },
        {
          $set: { kind: job.kind, roundId: job.roundId, dueAt, done: false },
          $unset: { leaseOwner: '', leaseUntil: '' },
        },
        { upsert: true },
      ),
    );
  }

  async claimDueJob(now: Date, owner: string, leaseMs: number): Promise<Job | null> {
    // A lease counts as held until leaseUntil + LEASE_CLOCK_SKEW_MS: the holder may be that far behind our clock.
    const freeBefore = new Date(now.getTime() - LEASE_CLOCK_SKEW_MS);
    const doc = await this.c.jobs.findOneAndUpdate(
      {
        done: false,
        dueAt: { $lte: now },
        $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: freeBefore } }],
      },
      { $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) } },
      { sort: { dueAt: 1 }, returnDocument: 'after' },
    );
    return doc ? toJob(doc) : null;
  }

  async completeJob(id: string, owner: string): Promise<boolean> {
    const result = await this.c.jobs.updateOne({ _id: id, leaseOwner: owner }, { $set: { done: true } });
    return result.matchedCount === 1;
  }

  async cancelJob(id: string): Promise<void> {
    await this.c.jobs.deleteOne({ _id: id });
  }

  async getJob(id: string): Promise<Job | null> {
    const doc = await this.c.jobs.findOne({ _id: id });
    return doc ? toJob(doc) : null;
  }

  ping(): Promise<void> {
    return this.connection.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close();
  }

  private fileStore(): MongoFiles {
    if (!this.files) throw new Error('This MongoDB store was built without a GridFS bucket: it keeps no files');
    return this.files;
  }

  private async next(name: string): Promise<number> {
    const bump = () =>
      this.c.counters.findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
    // Two first-ever upserts can race to insert the counter; the loser's retry finds it and increments it.
    const doc = await retryOnDuplicateKey(bump);
    if (!doc) throw new Error(`Counter ${name} was not returned by MongoDB`);
    return doc.seq;
  }
}
