import { appendFile, copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { makeAuditEvent, makeIdea, makeRound, makeVote } from '../support/factories.js';

const event = (n: number) => makeAuditEvent({ type: 'stage.advanced', ideaId: `IP-${n}` });

describe('EmbeddedStore journal and snapshot', () => {
  let dir: string;
  let journal1: string;
  const open: EmbeddedStore[] = [];
  const openStore = async (options?: { compactAfterBytes?: number }) => {
    const store = await EmbeddedStore.open(dir, options);
    open.push(store);
    return store;
  };
  /** Writes ideas IP-1..IP-n, each saved once, then closes the store. */
  const seed = async (n: number) => {
    const store = await openStore();
    for (let i = 1; i <= n; i++) {
      await store.insertIdea(makeIdea({ number: i }));
      await store.saveIdea(makeIdea({ number: i, status: 'review' }), 1, [event(i)]);
    }
    await store.close();
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pilot-journal-'));
    journal1 = join(dir, 'journal-000001.jsonl');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('drops a torn final line, truncates it away, and keeps working', async () => {
    await seed(2);
    const size = (await stat(journal1)).size;
    await appendFile(journal1, '{"c":"0badc0de","d":{"op":"idea.put","idea":{"id":"IP-3"');
    const store = await openStore();
    expect(await store.countIdeas()).toBe(2);
    expect((await stat(journal1)).size).toBe(size);
    await store.insertIdea(makeIdea({ number: 3 }));
    await store.close();
    expect(await (await openStore()).countIdeas()).toBe(3);
  });

  it('drops a complete final line whose checksum is wrong', async () => {
    await seed(2);
    const lines = (await readFile(journal1, 'utf8')).split('\n');
    lines[lines.length - 2] = lines.at(-2)!.replace('"review"', '"outline"');
    await writeFile(journal1, lines.join('\n'));
    const store = await openStore();
    expect((await store.getIdea('IP-2'))?.version).toBe(1);
  });

  it('refuses to open over a corrupt line in the middle, naming the file and line', async () => {
    await seed(2);
    const good = await readFile(journal1, 'utf8');
    await writeFile(journal1, good.replace('"review"', '"outline"'));
    await expect(EmbeddedStore.open(dir)).rejects.toThrow(/journal-000001\.jsonl line 2 is corrupt/);
    await writeFile(journal1, good); // the failed open released its lock
    expect(await (await openStore()).countIdeas()).toBe(2);
  });

  it('compacts past the threshold and reopens with everything, history not doubled', async () => {
    const store = await openStore({ compactAfterBytes: 4096 });
    for (let i = 1; i <= 40; i++) {
      await store.insertIdea(makeIdea({ number: i }));
      await store.saveIdea(makeIdea({ number: i, status: 'review' }), 1, [event(i)]);
      await store.putVote(makeVote({ roundId: 'R-1', voterKey: `k${i}` }));
    }
    expect(store.stats().generation).toBeGreaterThan(1);
    const before = {
      ideas: await store.listIdeas(),
      audit: await store.listAudit(),
      votes: await store.listVotes('R-1'),
    };
    await store.close();
    expect((await readdir(dir)).filter((f) => f.startsWith('journal-'))).toHaveLength(1);
    const reopened = await openStore();
    expect(await reopened.listIdeas()).toEqual(before.ideas);
    expect(await reopened.listAudit()).toEqual(before.audit);
    expect(await reopened.listVotes('R-1')).toEqual(before.votes);
  });

  it('keeps writes made while a compaction runs', async () => {
    const store = await openStore();
    await store.insertIdea(makeIdea({ number: 1 }));
    const compacting = store.compact();
    const writes = Array.from({ length: 20 }, (_, i) => store.insertIdea(makeIdea({ number: i + 2 })));
    await Promise.all([compacting, ...writes]);
    await store.close();
    expect(await (await openStore()).countIdeas()).toBe(21);
  });

  it('survives a crash after the snapshot rename (old journal left behind) or before it (temp file left)', async () => {
    await seed(3);
    await copyFile(journal1, join(dir, 'old-journal'));
    const store = await openStore();
    await store.compact();
    await store.close();
    await copyFile(join(dir, 'old-journal'), journal1);
    await writeFile(join(dir, 'snapshot.jsonl.tmp'), '{"format":2,"generation":9,"ops":3}\n{"op":'); // torn temp file
    const reopened = await openStore();
    expect((await reopened.getIdea('IP-3'))?.history).toEqual([event(3)]);
    expect(await reopened.countIdeas()).toBe(3);
    const files = await readdir(dir);
    expect(files).not.toContain('journal-000001.jsonl');
    expect(files).not.toContain('snapshot.jsonl.tmp');
  });

  it("names the snapshot when it cannot be read (this release's, or an earlier one's)", async () => {
    await seed(1);
    await writeFile(join(dir, 'snapshot.json'), '{"format":1,');
    await expect(EmbeddedStore.open(dir)).rejects.toThrow(/snapshot\.json is unreadable/);
    await writeFile(join(dir, 'snapshot.jsonl'), '{"format":2,"generation":2,"ops":1}\n{"op":');
    await expect(EmbeddedStore.open(dir)).rejects.toThrow(/snapshot\.jsonl is unreadable/);
  });

  it('writes the snapshot a record per line after a header counting them, and reads it back', async () => {
    await seed(3);
    const store = await openStore();
    await store.compact();
    await store.close();
    const lines = (await readFile(join(dir, 'snapshot.jsonl'), 'utf8')).trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as { format: number; generation: number; ops: number };
    expect(header).toEqual({ format: 2, generation: 2, ops: lines.length - 1 });
    const ops = lines.slice(1).map((line) => JSON.parse(line) as { op: string; idea?: { id: string } });
    expect(ops.filter((o) => o.op === 'idea.put').map((o) => o.idea?.id)).toEqual(['IP-1', 'IP-2', 'IP-3']);
    const reopened = await openStore();
    expect((await reopened.getIdea('IP-2'))?.history).toEqual([event(2)]);
  });

  it('refuses a snapshot that holds fewer records than its header says, naming the file', async () => {
    await seed(3);
    const store = await openStore();
    await store.compact();
    await store.close();
    const text = await readFile(join(dir, 'snapshot.jsonl'), 'utf8');
    await writeFile(join(dir, 'snapshot.jsonl'), text.split('\n').slice(0, -2).join('\n'));
    await expect(EmbeddedStore.open(dir)).rejects.toThrow(
      /snapshot\.jsonl is unreadable \(it holds \d+ of the \d+ records/,
    );
  });

  it("rewrites an earlier release's one-document snapshot in this release's format at start-up", async () => {
    await seed(2);
    const store = await openStore();
    await store.compact();
    await store.close();
    // The snapshot as releases before this one wrote it: one JSON document.
    const lines = (await readFile(join(dir, 'snapshot.jsonl'), 'utf8')).trimEnd().split('\n');
    const { generation } = JSON.parse(lines[0]!) as { generation: number };
    const ops = lines.slice(1).map((line) => JSON.parse(line) as unknown);
    await writeFile(join(dir, 'snapshot.json'), JSON.stringify({ format: 1, generation, ops }));
    await rm(join(dir, 'snapshot.jsonl'));
    const upgraded = await openStore();
    expect((await upgraded.getIdea('IP-2'))?.history).toEqual([event(2)]);
    expect(JSON.parse((await readFile(join(dir, 'snapshot.jsonl'), 'utf8')).split('\n')[0]!)).toMatchObject({
      format: 2,
    });
    expect(await readdir(dir)).not.toContain('snapshot.json');
    await upgraded.close();
    expect(await (await openStore()).countIdeas()).toBe(2);
  });

  it('seals many rounds at once with two rewrites of its files, not one a round, and leaves no ballot on disk', async () => {
    const store = await openStore();
    for (let n = 1; n <= 20; n++) {
      await store.insertRound(makeRound({ id: `R-${n}`, status: 'closed' }));
      await store.putVote(makeVote({ roundId: `R-${n}`, voterKey: `secret-key-${n}` }));
    }
    const before = store.stats().generation;
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.sealBallots(`R-${i + 1}`)));
    expect(store.stats().generation - before).toBeLessThanOrEqual(2);
    await store.close();
    const files = await readdir(dir);
    let text = '';
    for (const name of files) if (/\.jsonl?$/.test(name)) text += await readFile(join(dir, name), 'utf8');
    expect(text).not.toContain('secret-key-');
    expect(await (await openStore()).listVotes('R-7')).toEqual([]);
  });
});
