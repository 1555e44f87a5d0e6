import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';

describe('createStore', () => {
  it('opens the embedded store in dataDir when no MongoDB URI is set', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pilot-create-'));
    try {
      for (const mongodbUri of [undefined, '', '  ']) {
        const store = await createStore({ mongodbUri, dataDir });
        expect(store).toBeInstanceOf(EmbeddedStore);
        await store.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('uses MongoDB when a URI is set, and says to check MONGODB_URI when it is not usable', async () => {
    await expect(createStore({ mongodbUri: 'not-a-uri', dataDir: '/nonexistent' })).rejects.toThrow(
      /check MONGODB_URI/,
    );
  });
});
