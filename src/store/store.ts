import type { AuditEvent } from '../domain/audit.js';
import type { Idea } from '../domain/idea.js';
import type { Person } from '../domain/person.js';
import type { Status } from '../domain/reference-data.js';
import type { ConflictDeclaration, Participation, Round, Vote } from '../domain/voting.js';

/**
 * The most two replicas' clocks may disagree by. Each replica passes its own clock's `now`, so a job
 * lease or delivery claim is treated as held until its end plus this margin: a replica whose clock runs
 * up to 30 s ahead of the holder's cannot take over while the holder, by its own clock, still holds it.
 * Replicas (and the MongoDB server, whose TTL monitor removes delivery keys) must keep their clocks within
 * this of each other (NTP). The embedded store is one process, where it changes nothing but timing; it
 * applies the same margin so both stores keep one contract.
 */
export const LEASE_CLOCK_SKEW_MS = 30_000;

/** A piece of scheduled work (closing a round, sending a reminder), claimed with a lease so it runs once. */
export interface Job {
  /** Stable id, e.g. `close:R-3` or `remind:R-3`. Scheduling the same id again replaces its due time. */
  id: string;
  /**
   * `purge_files` is the periodic removal of expired files, `weekly_digest` the PMs' and committee's weekly
   * digest; `measure_checkin` asks for a pilot measure's figure on a review date (its id names the idea,
   * measure and day). `roundId` is empty for these three.
   */
  kind: 'close_round' | 'remind_round' | 'purge_files' | 'weekly_digest' | 'measure_checkin';
  roundId: string;
  dueAt: string;
  /** Set while a worker holds the job. */
  leaseOwner?: string;
  leaseUntil?: string;
  done: boolean;
}

/** What is kept beside a stored file's bytes. */
export interface FileMeta {
  filename: string;
  mimeType: string;
}

/** A stored file read back. */
export interface StoredFile {
  id: string;
  bytes: Uint8Array;
  meta: FileMeta;
  /** UTC ISO time after which the file is gone for readers and may be purged. */
  expiresAt: string;
}

/** File ids: 1 to 64 of `A-Z a-z 0-9 _ -` (they name files on disk, so nothing else gets through). */
export const FILE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws unless `id` is a valid file id. */
export function assertFileId(id: string): void {
  if (!FILE_ID_PATTERN.test(id)) throw new Error(`Invalid file id ${JSON.stringify(id).slice(0, 80)}`);
}

/**
 * The file port: bytes kept outside the records (the embedded store's DATA_DIR/files/, MongoDB's GridFS),
 * so a file's size is not bounded by a record's. Expired files are removed by the `purge_files` job.
 */
export interface FileStore {
  /** Stores (or replaces) a file under `id` until `expiresAt`. Throws on an invalid id. */
  putFile(id: string, bytes: Uint8Array, meta: FileMeta, expiresAt: Date): Promise<void>;
  /** The file, or null when there is none (expired files are returned until purged: callers check `expiresAt`). */
  getFile(id: string): Promise<StoredFile | null>;
  /** Removes a file; nothing happens when there is none. */
  deleteFile(id: string): Promise<void>;
  /** Ids of files whose `expiresAt` is at or before `now`. */
  listExpiredFiles(now: Date): Promise<string[]>;
}

/** Filters for listing ideas. */
export interface IdeaFilter {
  status?: Status;
  submitterId?: string;
}

/**
 * The persistence port. Both adapters (embedded, MongoDB) pass one contract suite.
 * Records go in and come out as plain JSON-safe objects; the store never interprets domain rules
 * beyond versions, uniqueness and leases.
 */
export interface Store extends FileStore {
  /** Next number of the atomic idea counter (1, 2, ...); never hands the same number out twice. */
  nextIdeaNumber(): Promise<number>;
  /** Next number of the atomic round counter. */
  nextRoundNumber(): Promise<number>;
  /** Next number of the atomic counter of people registered without a chat account (`person:P-1`, ...). */
  nextPersonNumber(): Promise<number>;

  /** Inserts a new idea (its `version` must be 1). Throws if the id exists. */
  insertIdea(idea: Idea): Promise<void>;
  getIdea(id: string): Promise<Idea | null>;
  /**
   * Saves `idea` if the stored version is still `expectedVersion`; the stored record gets version
   * `expectedVersion + 1` and `events` appended to its history (history is append-only: the
   * `history` field of `idea` is ignored). Throws VersionConflictError when the version moved or the idea is gone.
   * Returns the stored record.
   */
  saveIdea(idea: Idea, expectedVersion: number, events: AuditEvent[]): Promise<Idea>;
  /** All ideas matching the filter, in id-number order. */
  listIdeas(filter?: IdeaFilter): Promise<Idea[]>;
  countIdeas(): Promise<number>;

  insertRound(round: Round): Promise<void>;
  getRound(id: string): Promise<Round | null>;
  /** As saveIdea, for rounds (no history). Fields set to undefined are removed. */
  saveRound(round: Round, expectedVersion: number): Promise<Round>;
  listRounds(filter?: { ideaId?: string; status?: Round['status'] }): Promise<Round[]>;

  /** Stores the voter's current vote, replacing an earlier one (unique per round and voterKey). Returns whether it replaced one. */
  putVote(vote: Vote): Promise<{ replaced: boolean }>;
  getVote(roundId: string, voterKey: string): Promise<Vote | null>;
  listVotes(roundId: string): Promise<Vote[]>;
  /** Records that a person took part (idempotent per round and person). */
  putParticipation(participation: Participation): Promise<void>;
  listParticipation(roundId: string): Promise<Participation[]>;
  /**
   * Reduces a closed anonymous round to what may be kept (SPEC 3.1): erases its individual votes, and
   * the time of each participation. The embedded store also rewrites its files (snapshot and a fresh
   * journal) so no journal line of the open round (votes, the salt) is left on disk. Idempotent.
   */
  sealBallots(roundId: string): Promise<void>;
  /** Stores a person's conflict answer for a round, replacing their earlier answer in it. */
  putConflict(declaration: ConflictDeclaration): Promise<void>;
  /** Conflict answers, by idea and optionally round, sorted by person (never in voting order). */
  listConflicts(filter: { ideaId: string; roundId?: string }): Promise<ConflictDeclaration[]>;

  getPerson(id: string): Promise<Person | null>;
  /** Inserts or replaces a person. */
  putPerson(person: Person): Promise<void>;
  /**
   * Replaces a person with a record that holds less (a corrected or removed name), leaving no earlier copy
   * in storage: the embedded store also rewrites its files (snapshot and a fresh journal), as `sealBallots` does.
   */
  replacePersonErasingEarlier(person: Person): Promise<void>;
  listPeople(filter?: { role?: string }): Promise<Person[]>;

  /** Appends an audit event not tied to one idea's save (role changes, forum settings). Never edited. */
  appendAudit(event: AuditEvent): Promise<void>;
  /** Audit events, oldest first: those appended with appendAudit plus every idea's history, filtered by idea if given. */
  listAudit(filter?: { ideaId?: string }): Promise<AuditEvent[]>;

  /**
   * Claims a delivery key (a Slack retry, a Teams resend). Returns true the first time the key is
   * seen within `ttlMs` (plus {@link LEASE_CLOCK_SKEW_MS}), false after. Atomic across processes sharing the store.
   */
  claimDelivery(key: string, now: Date, ttlMs: number): Promise<boolean>;

  getSetting<T = unknown>(key: string): Promise<T | null>;
  putSetting(key: string, value: unknown): Promise<void>;
  /** Keys of the settings that start with `prefix` (start-up upgrades use it), sorted. */
  listSettingKeys(prefix: string): Promise<string[]>;
  /** Removes a setting; nothing happens when there is none. */
  deleteSetting(key: string): Promise<void>;

  /** Creates or reschedules a job (by id): sets dueAt, clears done and any lease. */
  scheduleJob(job: Omit<Job, 'done' | 'leaseOwner' | 'leaseUntil'>): Promise<void>;
  /**
   * Atomically claims one due job (dueAt <= now, not done, lease free or ended at least
   * {@link LEASE_CLOCK_SKEW_MS} before `now`) for `owner` until now + leaseMs.
   */
  claimDueJob(now: Date, owner: string, leaseMs: number): Promise<Job | null>;
  /** Marks a claimed job done; returns false if `owner` no longer holds its lease. */
  completeJob(id: string, owner: string): Promise<boolean>;
  /** Removes a job (e.g. a reminder for a round closed early). */
  cancelJob(id: string): Promise<void>;
  getJob(id: string): Promise<Job | null>;

  /** Resolves when the store can be reached; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
