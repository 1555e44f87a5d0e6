import { mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEvent } from '../domain/audit.js';
import type { Idea } from '../domain/idea.js';
import type { Person } from '../domain/person.js';
import { VersionConflictError } from '../domain/pilot-error.js';
import type { ConflictDeclaration, Participation, Round, Vote } from '../domain/voting.js';
import { FileBlobs } from './file-blobs.js';
import { acquireFileLock, type FileLock, type FileLockOptions } from './file-lock.js';
import { Journal, type JournalIo } from './journal.js';
import { journalPath, removeJournalsBefore } from './journal-files.js';
import { encodeLine } from './journal-line.js';
import { loadState } from './load-state.js';
import { writeSnapshot } from './snapshot-file.js';
import { findDueJob, queryAudit, queryIdeas, queryPeople, queryRounds } from './state-queries.js';
import {
  assertFileId,
  type FileMeta,
  type IdeaFilter,
  type Job,
  LEASE_CLOCK_SKEW_MS,
  type Store,
  type StoredFile,
} from './store.js';
import { type StoreOp, toStoreOp } from './store-op.js';
import type { StoreState } from './store-state.js';

/** Options of the embedded store. */
export interface EmbeddedStoreOptions {
  /** Journal size after which the store compacts into snapshot.jsonl (default 8 MiB). */
  compactAfterBytes?: number;
  /** The journal's write and sync; tests inject disk failures here. */
  journalIo?: JournalIo;
  /** Heartbeat timings of the data folder's lock (tests shorten them). */
  lock?: FileLockOptions;
}

const DEFAULT_COMPACT_AFTER_BYTES = 8 * 1024 * 1024;
const PRUNE_DELIVERIES_EVERY = 256;

/**
 * The zero-setup store: records live in memory and are made durable by an append-only, checksummed
 * JSONL journal (group commit: one write + fdatasync per batch), compacted into snapshot.jsonl.
 * One process per data directory, enforced by a lock file.
 *
 * Returned records are deep-frozen and shared, not copied: reads are cheap, and writing to a returned
 * record throws a TypeError (clone with `structuredClone` before editing). Records passed in are
 * copied through JSON (undefined fields vanish) and never frozen. Each mutation checks versions and
 * applies in memory in one synchronous step, then resolves once its journal line is on disk; reads
 * can see a change whose write is still in flight.
 */
export class EmbeddedStore implements Store {
  private closed = false;
  private compacting: Promise<void> | undefined;
  private pendingCompaction: Promise<void> | undefined;
  private claims = 0;
  private readonly blobs: FileBlobs;

  private constructor(
    private readonly dir: string,
    private readonly state: StoreState,
    private readonly journal: Journal,
    private generation: number,
    private readonly lock: FileLock,
    private readonly compactAfterBytes: number,
  ) {
    this.blobs = new FileBlobs(dir);
  }

  /** Opens (creating if needed) the store in `dataDir`: takes the lock, loads the snapshot and replays the journal. */
  static async open(dataDir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
    await mkdir(dataDir, { recursive: true });
    const dir = await realpath(dataDir);
    const lock = await acquireFileLock(join(dir, 'store.lock'), `The data directory ${dir}`, options.lock);
    try {
      const { state, generation, oldSnapshotFormat } = await loadState(dir);
      const journal = await Journal.open(journalPath(dir, generation), options.journalIo);
      const threshold = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
      const store = new EmbeddedStore(dir, state, journal, generation, lock, threshold);
      // A crash after a round was sealed but before the files were rewritten leaves its ballots and salt
      // in a journal: rewrite now, before anyone can read the folder at rest for long.
      // An earlier release's snapshot (one JSON document) is rewritten in this release's format too.
      if (state.sealsApplied > 0 || oldSnapshotFormat) await store.compact();
      state.sealsApplied = 0;
      // A crash between a file's bytes and its record (or mid-write) leaves bytes nothing lists: removed.
      await store.blobs.removeStray(state.files);
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Journal statistics, for tests and diagnostics. */
  stats(): { generation: number; journalBytes: number; journalFlushes: number } {
    return { generation: this.generation, journalBytes: this.journal.bytes, journalFlushes: this.journal.flushCount };
  }

  async nextIdeaNumber(): Promise<number> {
    const value = this.state.counters.idea + 1;
    await this.commit({ op: 'counter', name: 'idea', value });
    return value;
  }

  async nextRoundNumber(): Promise<number> {
    const value = this.state.counters.round + 1;
    await this.commit({ op: 'counter', name: 'round', value });
    return value;
  }

  async nextPersonNumber(): Promise<number> {
    const value = this.state.counters.person + 1;
    await this.commit({ op: 'counter', name: 'person', value });
    return value;
  }

  async insertIdea(idea: Idea): Promise<void> {
    if (idea.version !== 1) throw new Error(`Idea ${idea.id} must be inserted with version 1, not ${idea.version}`);
    if (this.state.ideas.has(idea.id)) throw new Error(`Idea ${idea.id} already exists`);
    await this.commit({ op: 'idea.put', idea });
  }

  async getIdea(id: string): Promise<Idea | null> {
    return this.state.ideas.get(id) ?? null;
  }

  async saveIdea(idea: Idea, expectedVersion: number, events: AuditEvent[]): Promise<Idea> {
    if (this.state.ideas.get(idea.id)?.version !== expectedVersion) throw new VersionConflictError(`Idea ${idea.id}`);
    const { history: _ignored, ...fields } = idea;
    const durable = this.commit({ op: 'idea.save', idea: { ...fields, version: expectedVersion + 1 }, events });
    const stored = this.state.ideas.get(idea.id)!;
    await durable;
    return stored;
  }

  async listIdeas(filter: IdeaFilter = {}): Promise<Idea[]> {
    return queryIdeas(this.state, filter);
  }

  async countIdeas(): Promise<number> {
    return this.state.ideas.size;
  }

  async insertRound(round: Round): Promise<void> {
    if (this.state.rounds.has(round.id)) throw new Error(`Round ${round.id} already exists`);
    await this.commit({ op: 'round', round });
  }

  async getRound(id: string): Promise<Round | null> {
    return this.state.rounds.get(id) ?? null;
  }

  async saveRound(round: Round, expectedVersion: number): Promise<Round> {
    if (this.state.rounds.get(round.id)?.version !== expectedVersion)
      throw new VersionConflictError(`Round ${round.id}`);
    const durable = this.commit({ op: 'round', round: { ...round, version: expectedVersion + 1 } });
    const stored = this.state.rounds.get(round.id)!;
    await durable;
    return stored;
  }

  async listRounds(filter: { ideaId?: string; status?: Round['status'] } = {}): Promise<Round[]> {
    return queryRounds(this.state, filter);
  }

  async putVote(vote: Vote): Promise<{ replaced: boolean }> {
    const replaced = this.state.votes.get(vote.roundId)?.has(vote.voterKey) ?? false;
    await this.commit({ op: 'vote', vote });
    return { replaced };
  }

  async getVote(roundId: string, voterKey: string): Promise<Vote | null> {
    return this.state.votes.get(roundId)?.get(voterKey) ?? null;
  }

  async listVotes(roundId: string): Promise<Vote[]> {
    return [...(this.state.votes.get(roundId)?.values() ?? [])];
  }

  async putParticipation(participation: Participation): Promise<void> {
    this.assertWritable();
    const known = this.state.participation.get(participation.roundId)?.has(participation.personId);
    // Already recorded: still wait until that earlier record is on disk.
    await (known ? this.journal.barrier() : this.commit({ op: 'participation', participation }));
  }

  async listParticipation(roundId: string): Promise<Participation[]> {
    return [...(this.state.participation.get(roundId)?.values() ?? [])];
  }

  async sealBallots(roundId: string): Promise<void> {
    this.assertWritable();
    await this.commit({ op: 'ballots.seal', roundId });
    await this.compactAfterNow();
  }

  async putConflict(declaration: ConflictDeclaration): Promise<void> {
    await this.commit({ op: 'conflict', declaration });
  }

  async listConflicts(filter: { ideaId: string; roundId?: string }): Promise<ConflictDeclaration[]> {
    return [...(this.state.conflicts.get(filter.ideaId)?.values() ?? [])]
      .filter((d) => filter.roundId === undefined || d.roundId === filter.roundId)
      .sort((a, b) => a.roundId.localeCompare(b.roundId) || a.personId.localeCompare(b.personId));
  }

  async getPerson(id: string): Promise<Person | null> {
    return this.state.people.get(id) ?? null;
  }

  async putPerson(person: Person): Promise<void> {
    await this.commit({ op: 'person', person });
  }

  async replacePersonErasingEarlier(person: Person): Promise<void> {
    this.assertWritable();
    await this.commit({ op: 'person', person, erasesEarlier: true });
    // The journal still holds the earlier record (a name): a compaction writes the state without it.
    await this.compactAfterNow();
  }

  /**
   * A compaction whose snapshot is taken after every change committed so far (a seal, an erased name), so
   * the journal that held what was erased is removed. A compaction already running captured the state
   * earlier: this waits for it, then runs another. Callers arriving meanwhile share that one, so many seals
   * at once (start-up sealing many rounds) cost two compactions, not one each.
   */
  private compactAfterNow(): Promise<void> {
    if (this.pendingCompaction) return this.pendingCompaction;
    const next = (async () => {
      await this.compacting?.catch(() => undefined);
      // From here on a new change needs a compaction of its own: this one's snapshot is taken now.
      this.pendingCompaction = undefined;
      await this.compact();
    })();
    this.pendingCompaction = next;
    return next;
  }

  async listPeople(filter: { role?: string } = {}): Promise<Person[]> {
    return queryPeople(this.state, filter.role);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.commit({ op: 'audit', event });
  }

  async listAudit(filter: { ideaId?: string } = {}): Promise<AuditEvent[]> {
    return queryAudit(this.state, filter.ideaId);
  }

  async claimDelivery(key: string, now: Date, ttlMs: number): Promise<boolean> {
    this.assertWritable();
    const nowMs = now.getTime();
    // A claim is held until its expiry plus the clock-skew margin, as in the MongoDB store.
    if (++this.claims % PRUNE_DELIVERIES_EVERY === 0) this.state.pruneDeliveries(nowMs - LEASE_CLOCK_SKEW_MS);
    const expires = this.state.deliveries.get(key);
    if (expires !== undefined && expires + LEASE_CLOCK_SKEW_MS > nowMs) {
      await this.journal.barrier(); // the winning claim is on disk before anyone hears "taken"
      return false;
    }
    await this.commit({ op: 'delivery', key, expiresAt: new Date(nowMs + ttlMs).toISOString() });
    return true;
  }

  async getSetting<T = unknown>(key: string): Promise<T | null> {
    return (this.state.settings.get(key) as T | undefined) ?? null;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    await this.commit({ op: 'setting', key, value });
  }

  async listSettingKeys(prefix: string): Promise<string[]> {
    return [...this.state.settings.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  async deleteSetting(key: string): Promise<void> {
    this.assertWritable();
    await (this.state.settings.has(key) ? this.commit({ op: 'setting.delete', key }) : this.journal.barrier());
  }

  async putFile(id: string, bytes: Uint8Array, meta: FileMeta, expiresAt: Date): Promise<void> {
    assertFileId(id);
    this.assertWritable();
    if (Number.isNaN(expiresAt.getTime())) throw new Error(`File ${id} has an invalid expiry`);
    // Bytes first, then the record: a crash in between leaves an unlisted file, never a record without bytes.
    await this.blobs.write(id, bytes);
    const { filename, mimeType } = meta;
    await this.commit({
      op: 'file',
      file: { id, meta: { filename, mimeType }, size: bytes.byteLength, expiresAt: expiresAt.toISOString() },
    });
  }

  async getFile(id: string): Promise<StoredFile | null> {
    assertFileId(id);
    const record = this.state.files.get(id);
    if (!record) return null;
    const bytes = await this.blobs.read(id);
    if (!bytes) return null;
    return { id, bytes, meta: { ...record.meta }, expiresAt: record.expiresAt };
  }

  async deleteFile(id: string): Promise<void> {
    assertFileId(id);
    this.assertWritable();
    // The record first: once it is gone no reader looks for the bytes.
    await (this.state.files.has(id) ? this.commit({ op: 'file.delete', id }) : this.journal.barrier());
    await this.blobs.remove(id);
  }

  async listExpiredFiles(now: Date): Promise<string[]> {
    const nowMs = now.getTime();
    return [...this.state.files.values()]
      .filter((file) => Date.parse(file.expiresAt) <= nowMs)
      .map((file) => file.id)
      .sort();
  }

  async scheduleJob(job: Omit<Job, 'done' | 'leaseOwner' | 'leaseUntil'>): Promise<void> {
    const { id, kind, roundId } = job;
    await this.commit({ op: 'job', job: { id, kind, roundId, dueAt: toIso(job.dueAt, id), done: false } });
  }

  async claimDueJob(now: Date, owner: string, leaseMs: number): Promise<Job | null> {
    this.assertWritable();
    const due = findDueJob(this.state, now.getTime());
    if (!due) return null;
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const durable = this.commit({ op: 'job', job: { ...due, leaseOwner: owner, leaseUntil } });
    const claimed = this.state.jobs.get(due.id)!;
    await durable;
    return claimed;
  }

  async completeJob(id: string, owner: string): Promise<boolean> {
    this.assertWritable();
    const job = this.state.jobs.get(id);
    if (job?.leaseOwner !== owner) return false;
    await (job.done ? this.journal.barrier() : this.commit({ op: 'job', job: { ...job, done: true } }));
    return true;
  }

  async cancelJob(id: string): Promise<void> {
    this.assertWritable();
    await (this.state.jobs.has(id) ? this.commit({ op: 'job.cancel', id }) : this.journal.barrier());
  }

  async getJob(id: string): Promise<Job | null> {
    return this.state.jobs.get(id) ?? null;
  }

  async ping(): Promise<void> {
    this.assertWritable();
  }

  /**
   * Writes a snapshot of everything and starts a fresh journal (also done automatically past
   * `compactAfterBytes`). Crash-safe at every step: see loadState for how a data directory is read back.
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    this.assertWritable();
    const generation = this.generation + 1;
    // Captured and rotated in one synchronous step: the snapshot holds exactly the lines before the rotation.
    // The ops hold the frozen records themselves (never changed, only replaced), so they are written out
    // a line at a time afterwards without copying the store into one string.
    const snapshot = { generation, ops: this.state.toOps() };
    const rotated = this.journal.rotate(journalPath(this.dir, generation));
    rotated.catch(() => undefined); // awaited below; this only keeps an early snapshot failure from leaving it unhandled
    this.generation = generation;
    this.compacting = (async () => {
      await writeSnapshot(this.dir, snapshot);
      await rotated;
      await removeJournalsBefore(this.dir, generation);
    })().finally(() => {
      this.compacting = undefined;
    });
    return this.compacting;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.compacting?.catch(() => undefined);
    await this.journal.close();
    await this.lock.release();
  }

  /** Applies `op` in memory now and resolves once its journal line is durable. */
  private commit(op: StoreOp): Promise<void> {
    this.assertWritable();
    const body = JSON.stringify(op);
    // Apply a fresh parse of exactly what the journal holds: memory then matches a replay, and callers' objects stay unaliased.
    this.state.apply(toStoreOp(JSON.parse(body)));
    const durable = this.journal.append(encodeLine(body));
    if (!this.compacting && this.journal.bytes >= this.compactAfterBytes) {
      // A failed compaction loses nothing (the journals stay); it is retried past the next threshold.
      this.compact().catch(() => undefined);
    }
    return durable;
  }

  private assertWritable(): void {
    if (this.closed) throw new Error(`The embedded store in ${this.dir} is closed`);
    if (this.lock.lost)
      throw new Error(
        `The embedded store in ${this.dir} refuses writes: another process took over its lock while this one stalled. Restart the bot.`,
      );
    const failure = this.journal.failure;
    if (failure) {
      throw new Error(
        `The embedded store in ${this.dir} refuses writes since ${failure.message}; memory is ahead of disk, so restart the bot to reload from disk.`,
        { cause: failure },
      );
    }
  }
}

function toIso(value: string, jobId: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`Job ${jobId} has an invalid dueAt: ${value}`);
  return new Date(ms).toISOString();
}
