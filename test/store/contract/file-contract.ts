import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const META = { filename: 'case.docx', mimeType: 'application/octet-stream' };

/** The file port: bytes kept outside the records, listed for the purge once expired. */
export function fileContract({ store, harness }: ContractContext): void {
  describe('files', () => {
    it('puts, gets, replaces and deletes a file', async () => {
      expect(await store().getFile('abc_DEF-1')).toBeNull();
      await store().putFile('abc_DEF-1', new Uint8Array([1, 2, 3]), META, at(1000));
      expect(await store().getFile('abc_DEF-1')).toEqual({
        id: 'abc_DEF-1',
        bytes: new Uint8Array([1, 2, 3]),
        meta: META,
        expiresAt: at(1000).toISOString(),
      });
      await store().putFile('abc_DEF-1', new Uint8Array([9]), { filename: 'b.csv', mimeType: 'text/csv' }, at(5));
      expect(await store().getFile('abc_DEF-1')).toMatchObject({
        bytes: new Uint8Array([9]),
        meta: { filename: 'b.csv' },
      });
      await store().deleteFile('abc_DEF-1');
      expect(await store().getFile('abc_DEF-1')).toBeNull();
      await expect(store().deleteFile('abc_DEF-1')).resolves.toBeUndefined();
    });

    it('lists the files expired at a time, and they survive a reopen', async () => {
      await store().putFile('early', new Uint8Array([1]), META, at(1000));
      await store().putFile('late', new Uint8Array([2]), META, at(5000));
      expect(await store().listExpiredFiles(at(999))).toEqual([]);
      expect(await store().listExpiredFiles(at(1000))).toEqual(['early']);
      expect(await store().listExpiredFiles(at(6000))).toEqual(['early', 'late']);
      const reopen = harness().reopen;
      if (reopen) await reopen();
      expect((await store().getFile('late'))?.bytes).toEqual(new Uint8Array([2]));
      expect(await store().listExpiredFiles(at(1000))).toEqual(['early']);
    });

    it('keeps a 13 MiB file, larger than a MongoDB document may be', async () => {
      const bytes = new Uint8Array(13 * 1024 * 1024);
      for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
      await store().putFile('big', bytes, META, at(1000));
      const back = await store().getFile('big');
      expect(back?.bytes.length).toBe(bytes.length);
      expect(Buffer.from(back!.bytes).equals(Buffer.from(bytes))).toBe(true);
    });

    it('refuses ids that could name another path', async () => {
      for (const id of ['', '../snapshot.json', 'a/b', '..', 'a.b', 'x'.repeat(65), 'a\\b', 'é']) {
        await expect(store().putFile(id, new Uint8Array([1]), META, at(0)), id).rejects.toThrow(/Invalid file id/);
        await expect(store().getFile(id), id).rejects.toThrow(/Invalid file id/);
        await expect(store().deleteFile(id), id).rejects.toThrow(/Invalid file id/);
      }
    });
  });

  describe('setting keys', () => {
    it('lists setting keys by prefix and deletes settings', async () => {
      await store().putSetting('teams:file:b', 1);
      await store().putSetting('teams:file:a', 2);
      await store().putSetting('teams:conversation:c', 3);
      expect(await store().listSettingKeys('teams:file:')).toEqual(['teams:file:a', 'teams:file:b']);
      await store().deleteSetting('teams:file:a');
      await store().deleteSetting('teams:file:zz');
      expect(await store().getSetting('teams:file:a')).toBeNull();
      expect(await store().listSettingKeys('teams:')).toEqual(['teams:conversation:c', 'teams:file:b']);
    });
  });
}
