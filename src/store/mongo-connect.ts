import { MongoClient } from 'mongodb';
import type { MongoCollections } from './mongo-collections.js';

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

type IndexSpec = { key: Record<string, 1>; unique?: boolean; expireAfterSeconds?: number };

/** Every index the store relies on for uniqueness, expiry and its queries, by collection. */
const INDEXES: { [K in keyof MongoCollections]?: IndexSpec[] } = {
  votes: [{ key: { roundId: 1, voterKey: 1 }, unique: true }],
  participation: [{ key: { roundId: 1, personId: 1 }, unique: true }],
  conflicts: [{ key: { ideaId: 1, roundId: 1, personId: 1 } }],
  ideas: [{ key: { status: 1 } }, { key: { submitterId: 1 } }, { key: { number: 1 } }],
  rounds: [{ key: { ideaId: 1 } }, { key: { status: 1 } }],
  people: [{ key: { roles: 1 } }],
  audit: [{ key: { ideaId: 1 } }],
  // TTL: the server deletes a key once expiresAt has passed (its monitor runs about once a minute).
  deliveries: [{ key: { expiresAt: 1 }, expireAfterSeconds: 0 }],
  jobs: [{ key: { done: 1, dueAt: 1 } }],
};

/** MongoDB's codes for "an index of that name or key already exists with other options". */
const INDEX_CONFLICT_CODES = new Map([
  [85, 'IndexOptionsConflict'],
  [86, 'IndexKeySpecsConflict'],
]);

/** An existing index the store cannot create as it needs: the operator must drop it. */
export class IndexConflictError extends Error {
  override readonly name = 'IndexConflictError';
}

/** The name MongoDB gives an index by default: `field_1_other_1`. */
export function indexName(key: Record<string, 1>): string {
  return Object.entries(key)
    .map(([field, order]) => `${field}_${order}`)
    .join('_');
}

function conflictCode(error: unknown): number | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'number' && INDEX_CONFLICT_CODES.has(code) ? code : undefined;
}

/**
 * Creates the indexes the store relies on (idempotent). An index already there under the same name with
 * other options (code 85) or another key (86) becomes an IndexConflictError naming the collection, the
 * index and how to drop it, rather than the driver's bare error.
 */
export async function ensureIndexes(c: MongoCollections): Promise<void> {
  const all = Object.entries(INDEXES).flatMap(([collection, specs]) =>
    specs.map((spec) => ({ collection: collection as keyof MongoCollections, spec })),
  );
  await Promise.all(
    all.map(async ({ collection, spec }) => {
      const { key, ...options } = spec;
      try {
        await c[collection].createIndex(key, options);
      } catch (error) {
        const code = conflictCode(error);
        if (code === undefined) throw error;
        const name = indexName(key);
        const why = error instanceof Error ? error.message : String(error);
        throw new IndexConflictError(
          `MongoDB index ${name} on collection ${collection} already exists with other options ` +
            `(${INDEX_CONFLICT_CODES.get(code)}, code ${code}: ${why}). The bot needs ${JSON.stringify(spec)}: ` +
            `drop the old index (mongosh: db.${collection}.dropIndex('${name}')) and start the bot again; it recreates it.`,
          { cause: error },
        );
      }
    }),
  );
}
