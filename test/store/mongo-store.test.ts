import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { MongoStore } from '../../src/store/mongo-store.js';
import { runStoreContract } from './store-contract.js';

const uri = process.env.MONGODB_URI;

describe.skipIf(!uri)('MongoStore against MONGODB_URI', () => {
  runStoreContract('MongoStore', async () => {
    // A fresh database per test, dropped afterwards, so runs never see each other's data.
    const dbName = `pilot_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    let current = await MongoStore.connect(uri!, { dbName });
    return {
      store: current,
      reopen: async () => {
        await current.close();
        current = await MongoStore.connect(uri!, { dbName });
        return current;
      },
      cleanup: async () => {
        await current.close();
        const client = new MongoClient(uri!);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  });
});

// Said out loud rather than shown as a passing test: without MongoDB the contract suite does not run.
if (!uri) console.log('MongoStore contract skipped: MONGODB_URI is unset (point it at a MongoDB 6+ server to run it).');

describe('MongoStore.connect', () => {
  it('says which host is unreachable and what to check, without the password', async () => {
    const failure = MongoStore.connect('mongodb://pilot:s3cret@127.0.0.1:9/pilot', { timeoutMs: 300 });
    await expect(failure).rejects.toThrow(/^MongoDB unreachable at 127\.0\.0\.1:9: check MONGODB_URI/);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('rejects a malformed connection string with a pointer to MONGODB_URI', async () => {
    await expect(MongoStore.connect('http://localhost:27017')).rejects.toThrow(
      /not a valid MongoDB connection string.*MONGODB_URI/,
    );
  });
});
