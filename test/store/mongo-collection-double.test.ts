import type { Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { type MongoCollections } from '../../src/store/mongo-collections.js';
import { IndexConflictError } from '../../src/store/mongo-connect.js';
import { MongoStore } from '../../src/store/mongo-store.js';
import { LEASE_CLOCK_SKEW_MS } from '../../src/store/store.js';
import { makePerson, makeVote } from '../support/factories.js';

/**
 * The MongoDB adapter against collection doubles: no server runs here, so these check what the
 * adapter does with the errors a server raises (E11000 on racing upserts, 85/86 on index conflicts)
 * and what it asks the server for. The contract suite (mongo-store.test.ts) checks the real thing
 * wherever MONGODB_URI is set.
 */

/** An error shaped like the driver's MongoServerError: what the adapter inspects is `code`. */
function serverError(code: number, codeName: string, message: string): Error {
  return Object.assign(new Error(message), { code, codeName });
}
const duplicateKey = () =>
  serverError(11000, 'DuplicateKey', 'E11000 duplicate key error collection: pilot.settings index: _id_ dup key');

type Method =
  'createIndex' | 'insertOne' | 'findOne' | 'find' | 'replaceOne' | 'updateOne' | 'findOneAndUpdate' | 'deleteOne';

/** Just the Collection methods the adapter calls, recording every call and failing on request. */
class CollectionDouble {
  readonly calls: { method: Method; args: unknown[] }[] = [];
  private readonly failures = new Map<Method, Error[]>();
  /** What findOneAndUpdate answers once it succeeds. */
  findOneAndUpdateResult: unknown = null;

  /** Makes the next calls of `method` fail with these errors, in order. */
  failNext(method: Method, ...errors: Error[]): this {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
    return this;
  }

  callsOf(method: Method): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  private async run<T>(method: Method, args: unknown[], result: T): Promise<T> {
    this.calls.push({ method, args });
    await Promise.resolve();
    const failure = this.failures.get(method)?.shift();
    if (failure) throw failure;
    return result;
  }

  createIndex(...args: unknown[]) {
    return this.run('createIndex', args, 'an_index');
  }
  insertOne(...args: unknown[]) {
    return this.run('insertOne', args, { acknowledged: true });
  }
  findOne(...args: unknown[]) {
    return this.run('findOne', args, null);
  }
  find(...args: unknown[]) {
    this.calls.push({ method: 'find', args });
    const cursor = { sort: () => cursor, project: () => cursor, toArray: () => Promise.resolve([]) };
    return cursor;
  }
  replaceOne(...args: unknown[]) {
    return this.run('replaceOne', args, { matchedCount: 0, upsertedCount: 1 });
  }
  updateOne(...args: unknown[]) {
    return this.run('updateOne', args, { matchedCount: 0, upsertedCount: 1 });
  }
  findOneAndUpdate(...args: unknown[]) {
    return this.run('findOneAndUpdate', args, this.findOneAndUpdateResult);
  }
  deleteOne(...args: unknown[]) {
    return this.run('deleteOne', args, { deletedCount: 1 });
  }
}

const NAMES = [
  'ideas',
  'rounds',
  'votes',
  'participation',
  'conflicts',
  'people',
  'audit',
  'deliveries',
  'settings',
  'jobs',
  'counters',
] as const satisfies readonly (keyof MongoCollections)[];

function doubles(): { c: Record<keyof MongoCollections, CollectionDouble>; collections: MongoCollections } {
  const c = Object.fromEntries(NAMES.map((name) => [name, new CollectionDouble()])) as Record<
    keyof MongoCollections,
    CollectionDouble
  >;
  return { c, collections: c as unknown as MongoCollections & Record<string, Collection> };
}

const connection = { ping: () => Promise.resolve(), close: () => Promise.resolve() };

async function storeOver() {
  const { c, collections } = doubles();
  const store = await MongoStore.fromCollections(collections, connection);
  return { c, store };
}

describe('MongoStore over collection doubles: racing upserts (E11000)', () => {
  const job = { id: 'close:R-1', kind: 'close_round', roundId: 'R-1', dueAt: '2026-03-02T09:10:00.000Z' } as const;
  const cases: [string, keyof MongoCollections, Method, (store: MongoStore) => Promise<unknown>][] = [
    ['putSetting', 'settings', 'replaceOne', (s) => s.putSetting('forum', { slack: 'C1' })],
    ['putPerson', 'people', 'replaceOne', (s) => s.putPerson(makePerson())],
    ['replacePersonErasingEarlier', 'people', 'replaceOne', (s) => s.replacePersonErasingEarlier(makePerson())],
    ['scheduleJob', 'jobs', 'updateOne', (s) => s.scheduleJob(job)],
    [
      'putConflict',
      'conflicts',
      'replaceOne',
      (s) =>
        s.putConflict({ ideaId: 'IP-1', roundId: 'R-1', personId: 'slack:U1', constituency: 'experts', detail: null }),
    ],
    ['putVote', 'votes', 'replaceOne', (s) => s.putVote(makeVote())],
  ];

  it.each(cases)('%s retries once when a racing upsert got there first, and resolves', async (_, name, method, act) => {
    const { c, store } = await storeOver();
    c[name].failNext(method, duplicateKey());
    await act(store); // resolves
    const calls = c[name].callsOf(method);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]); // the same upsert again, which now matches the winner's document
    expect(calls[0]?.[2]).toEqual({ upsert: true });
  });

  it.each(cases)('%s does not retry other errors, nor a second E11000', async (_, name, method, act) => {
    const { c, store } = await storeOver();
    c[name].failNext(method, serverError(13, 'Unauthorized', 'not authorized'));
    await expect(act(store)).rejects.toThrow('not authorized');
    expect(c[name].callsOf(method)).toHaveLength(1);
    c[name].failNext(method, duplicateKey(), duplicateKey());
    await expect(act(store)).rejects.toMatchObject({ code: 11000 });
    expect(c[name].callsOf(method)).toHaveLength(3);
  });

  it('retries a racing first counter bump and returns the counter', async () => {
    const { c, store } = await storeOver();
    c.counters.findOneAndUpdateResult = { _id: 'idea', seq: 2 };
    c.counters.failNext('findOneAndUpdate', duplicateKey());
    expect(await store.nextIdeaNumber()).toBe(2);
    expect(c.counters.callsOf('findOneAndUpdate')).toHaveLength(2);
  });
});

describe('MongoStore over collection doubles: indexes', () => {
  it('creates every index it relies on, with its options', async () => {
    const { c } = await storeOver();
    expect(c.votes.callsOf('createIndex')).toEqual([[{ roundId: 1, voterKey: 1 }, { unique: true }]]);
    expect(c.participation.callsOf('createIndex')).toEqual([[{ roundId: 1, personId: 1 }, { unique: true }]]);
    expect(c.deliveries.callsOf('createIndex')).toEqual([[{ expiresAt: 1 }, { expireAfterSeconds: 0 }]]);
    expect(c.jobs.callsOf('createIndex')).toEqual([[{ done: 1, dueAt: 1 }, {}]]);
    expect(c.ideas.callsOf('createIndex')).toHaveLength(3);
  });

  it('names the collection, the index and the fix when an index exists with other options (85)', async () => {
    const { c, collections } = doubles();
    c.deliveries.failNext(
      'createIndex',
      serverError(
        85,
        'IndexOptionsConflict',
        'An equivalent index already exists with the same name but different options.',
      ),
    );
    const failure = MongoStore.fromCollections(collections, connection);
    await expect(failure).rejects.toBeInstanceOf(IndexConflictError);
    await expect(failure).rejects.toThrow(
      /index expiresAt_1 on collection deliveries already exists with other options \(IndexOptionsConflict, code 85/,
    );
    await expect(failure).rejects.toThrow(/db\.deliveries\.dropIndex\('expiresAt_1'\)\) and start the bot again/);
  });

  it('does the same for an index whose name is taken by another key (86)', async () => {
    const { c, collections } = doubles();
    c.votes.failNext('createIndex', serverError(86, 'IndexKeySpecsConflict', 'Index must have unique name.'));
    await expect(MongoStore.fromCollections(collections, connection)).rejects.toThrow(
      /index roundId_1_voterKey_1 on collection votes .*IndexKeySpecsConflict, code 86.*dropIndex\('roundId_1_voterKey_1'\)/,
    );
  });

  it('passes other index failures on unchanged (connect wraps them as a rights problem)', async () => {
    const { c, collections } = doubles();
    const unauthorized = serverError(13, 'Unauthorized', 'not authorized on pilot to execute command');
    c.jobs.failNext('createIndex', unauthorized);
    await expect(MongoStore.fromCollections(collections, connection)).rejects.toBe(unauthorized);
  });
});

describe('MongoStore over collection doubles: what it asks the server', () => {
  const T0 = Date.parse('2026-03-02T09:00:00.000Z');

  it('reads ideas and rounds, which feed version checks, from the primary', async () => {
    const { c, store } = await storeOver();
    await store.getIdea('IP-1');
    await store.listIdeas();
    await store.getRound('R-1');
    await store.listRounds();
    for (const calls of [c.ideas.callsOf('findOne'), c.ideas.callsOf('find'), c.rounds.callsOf('findOne')]) {
      expect(calls[0]?.[1]).toEqual({ readPreference: 'primary' });
    }
    expect(c.rounds.callsOf('find')[0]?.[1]).toEqual({ readPreference: 'primary' });
  });

  it('claims a job only if its lease ended at least the clock-skew margin ago', async () => {
    const { c, store } = await storeOver();
    await store.claimDueJob(new Date(T0), 'replica-a', 60_000);
    const [filter, update] = c.jobs.callsOf('findOneAndUpdate')[0] as [Record<string, unknown>, unknown];
    expect(filter).toMatchObject({
      done: false,
      dueAt: { $lte: new Date(T0) },
      $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: new Date(T0 - LEASE_CLOCK_SKEW_MS) } }],
    });
    expect(update).toEqual({ $set: { leaseOwner: 'replica-a', leaseUntil: new Date(T0 + 60_000) } });
  });

  it('stores a delivery claim with the clock-skew margin, so the TTL monitor keeps it that long too', async () => {
    const { c, store } = await storeOver();
    c.deliveries.failNext('insertOne', duplicateKey());
    expect(await store.claimDelivery('slack:evt-1', new Date(T0), 1000)).toBe(false);
    const expiresAt = new Date(T0 + 1000 + LEASE_CLOCK_SKEW_MS);
    expect(c.deliveries.callsOf('insertOne')).toEqual([[{ _id: 'slack:evt-1', expiresAt }]]);
    expect(c.deliveries.callsOf('updateOne')).toEqual([
      [{ _id: 'slack:evt-1', expiresAt: { $lte: new Date(T0) } }, { $set: { expiresAt } }],
    ]);
  });
});
