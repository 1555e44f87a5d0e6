import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import type { Store } from '../../src/store/store.js';
import { makeIdea, makePerson } from '../support/factories.js';
import { runStoreContract } from './store-contract.js';

const tempDataDir = () => mkdtemp(join(tmpdir(), 'pilot-store-'));

runStoreContract('EmbeddedStore', async () => {
  const dir = await tempDataDir();
  let current: Store = await EmbeddedStore.open(dir);
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = await EmbeddedStore.open(dir);
      return current;
    },
    cleanup: async () => {
      await current.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('EmbeddedStore', () => {
  const dirs: string[] = [];
  const open: EmbeddedStore[] = [];
  const fresh = async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    return dir;
  };
  const openIn = async (dir: string) => {
    const store = await EmbeddedStore.open(dir);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('keeps files under files/ and removes at open what a crash left unlisted', async () => {
    const dir = await fresh();
    const store = await openIn(dir);
    const meta = { filename: 'a.csv', mimeType: 'text/csv' };
    await store.putFile('kept', new Uint8Array([1, 2]), meta, new Date('2030-01-01T00:00:00Z'));
    expect([...(await readFile(join(dir, 'files', 'kept')))]).toEqual([1, 2]);
    await store.close();
    // Bytes written but no record (a crash between the two), and a half-written temp file.
    await writeFile(join(dir, 'files', 'orphan'), 'x');
    await writeFile(join(dir, 'files', 'kept.abc123.tmp'), 'x');
    const again = await openIn(dir);
    expect((await readdir(join(dir, 'files'))).sort()).toEqual(['kept']);
    expect((await again.getFile('kept'))?.bytes).toEqual(new Uint8Array([1, 2]));
    await again.deleteFile('kept');
    expect(await readdir(join(dir, 'files'))).toEqual([]);
  });

  it('refuses a second open of a directory in use, and opens it again once closed', async () => {
    const dir = await fresh();
    const first = await openIn(dir);
    await expect(EmbeddedStore.open(dir)).rejects.toThrow(/already open by this process .*store\.lock/);
    await first.close();
    await expect(openIn(dir)).resolves.toBeInstanceOf(EmbeddedStore);
  });

  it('refuses a directory locked by another live process', async () => {
    const dir = await fresh();
    const lock = { pid: process.ppid, host: (await import('node:os')).hostname(), token: 't', at: 'earlier' };
    await writeFile(join(dir, 'store.lock'), JSON.stringify(lock));
    await expect(EmbeddedStore.open(dir)).rejects.toThrow(new RegExp(`already open by process ${process.ppid}`));
  });

  it('takes over a stale lock left by a dead process, or by an earlier process with our pid', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const { hostname } = await import('node:os');
    for (const pid of [dead, process.pid]) {
      const dir = await fresh();
      await writeFile(join(dir, 'store.lock'), JSON.stringify({ pid, host: hostname(), token: 'old', at: 'then' }));
      const store = await openIn(dir);
      await store.putPerson(makePerson());
      expect(await store.getPerson(makePerson().id)).toEqual(makePerson());
    }
  });

  it('returns deep-frozen records and never freezes what it was given', async () => {
    const store = await openIn(await fresh());
    const idea = makeIdea({ number: 1 });
    await store.insertIdea(idea);
    const got = await store.getIdea('IP-1');
    expect(Object.isFrozen(got)).toBe(true);
    expect(Object.isFrozen(got?.artefacts.evidence)).toBe(true);
    expect(Object.isFrozen(idea)).toBe(false);
    expect(() => {
      (got as { title: string }).title = 'x';
    }).toThrow(TypeError);
  });

  it('groups concurrent writes into few write+fsync rounds', async () => {
    const store = await openIn(await fresh());
    const before = store.stats().journalFlushes;
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.putPerson(makePerson({ id: `slack:U${i}` }))));
    expect(store.stats().journalFlushes - before).toBeLessThanOrEqual(2);
  });

  it('acknowledges a write only once its journal line is synced', async () => {
    let releaseSync = () => {};
    const synced = new Promise<void>((resolve) => {
      releaseSync = resolve;
    });
    let holdSync = false;
    const store = await EmbeddedStore.open(await fresh(), {
      journalIo: {
        write: async (handle, data) => void (await handle.write(data)),
        sync: async (handle) => {
          if (holdSync) await synced;
          await handle.datasync();
        },
      },
    });
    open.push(store);
    holdSync = true;
    let acknowledged = false;
    const write = store.putPerson(makePerson()).then(() => {
      acknowledged = true;
    });
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(await store.getPerson(makePerson().id)).toEqual(makePerson()); // applied in memory at once
    expect(acknowledged).toBe(false);
    releaseSync();
    await write;
    expect(acknowledged).toBe(true);
  });

  it('refuses every write after a failed fsync, with a clear error', async () => {
    let failSync = false;
    const store = await EmbeddedStore.open(await fresh(), {
      journalIo: {
        write: async (handle, data) => void (await handle.write(data)),
        sync: async (handle) => {
          if (failSync) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
          await handle.datasync();
        },
      },
    });
    open.push(store);
    await store.putPerson(makePerson());
    failSync = true;
    await expect(store.putPerson(makePerson({ id: 'slack:U2' }))).rejects.toThrow(/writing journal .* failed: EIO/);
    failSync = false;
    await expect(store.putPerson(makePerson({ id: 'slack:U3' }))).rejects.toThrow(/refuses writes .*restart/);
    await expect(store.nextIdeaNumber()).rejects.toThrow(/refuses writes/);
    await expect(store.ping()).rejects.toThrow(/refuses writes/);
  });

  it('lists 10,000 ideas quickly', async () => {
    const store = await openIn(await fresh());
    const statuses = ['longlist', 'review', 'outline'] as const;
    const ideas = Array.from({ length: 10_000 }, (_, i) => makeIdea({ number: i + 1, status: statuses[i % 3] }));
    await Promise.all(ideas.map((idea) => store.insertIdea(idea)));
    const started = performance.now();
    const all = await store.listIdeas();
    const listMs = performance.now() - started;
    const filtered = await store.listIdeas({ status: 'review' });
    const filteredMs = performance.now() - started - listMs;
    console.log(
      `listIdeas over 10,000 ideas: all in ${listMs.toFixed(1)} ms, one status in ${filteredMs.toFixed(1)} ms`,
    );
    expect(all).toHaveLength(10_000);
    expect(filtered).toHaveLength(3_333);
    expect(listMs).toBeLessThan(500); // sanity bound only; the printed figure is what matters
  });
});
