import { type Db, MongoClient } from 'mongodb';

/** Options for connecting the MongoDB store. */
export interface MongoConnectOptions {
  /** Database name; default: the one in the URI, else `pilot_pipeline`. */
  dbName?: string;
  /** How long to look for a server before giving up (default 10 s). */
  timeoutMs?: number;
}

/** The host list of a MongoDB URI, without credentials, for error messages. */
export function describeHosts(uri: string): string {
  return /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri)?.[1] ?? '(an unparseable address)';
}

/** The database named in a MongoDB URI's path, if any. */
export function dbNameFromUri(uri: string): string | undefined {
  const name = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}

/** The error every connection failure becomes: where, and what to check. */
export function unreachable(uri: string, cause: unknown): Error {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new Error(`MongoDB unreachable at ${describeHosts(uri)}: check MONGODB_URI (${why})`, { cause });
}

/** The error a failed index setup becomes (usually missing write rights on the database). */
export function setupFailed(uri: string, dbName: string, cause: unknown): Error {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new Error(
    `MongoDB at ${describeHosts(uri)} refused to set up database ${dbName}: check MONGODB_URI and that its user may create indexes there (${why})`,
    { cause },
  );
}

/** Connects a client (undefined fields are dropped, as JSON would), wrapping failures in an operator-friendly error. */
export async function connectClient(uri: string, options: MongoConnectOptions): Promise<MongoClient> {
  let client: MongoClient;
  try {
    client = new MongoClient(uri, {
      ignoreUndefined: true,
      serverSelectionTimeoutMS: options.timeoutMs ?? 10_000,
      appName: 'pilot-pipeline-bot',
    });
  } catch (error) {
    throw new Error(
      `MONGODB_URI is not a valid MongoDB connection string (${(error as Error).message}): check MONGODB_URI`,
      {
        cause: error,
      },
    );
  }
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.close().catch(() => undefined);
    throw unreachable(uri, error);
  }
}

/** Creates the indexes the store relies on for uniqueness, expiry and its queries (idempotent). */
export async function ensureIndexes(db: Db): Promise<void> {
  await Promise.all([
    db.collection('votes').createIndex({ roundId: 1, voterKey: 1 }, { unique: true }),
    db.collection('participation').createIndex({ roundId: 1, personId: 1 }, { unique: true }),
    db.collection('conflicts').createIndex({ ideaId: 1, roundId: 1, personId: 1 }),
    db.collection('ideas').createIndexes([{ key: { status: 1 } }, { key: { submitterId: 1 } }, { key: { number: 1 } }]),
    db.collection('rounds').createIndexes([{ key: { ideaId: 1 } }, { key: { status: 1 } }]),
    db.collection('people').createIndex({ roles: 1 }),
    db.collection('audit').createIndex({ ideaId: 1 }),
    // TTL: the server deletes a key once expiresAt has passed (its monitor runs about once a minute).
    db.collection('deliveries').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
    db.collection('jobs').createIndex({ done: 1, dueAt: 1 }),
  ]);
}
