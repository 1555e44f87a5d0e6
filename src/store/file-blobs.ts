import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hasCode, syncDir } from './fs-sync.js';
import { assertFileId } from './store.js';

/** The embedded store's file bytes: one file per id in `<dataDir>/files/`, written crash-safely. */
export class FileBlobs {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'files');
  }

  /** Writes `bytes` to a temp name, fsyncs it, renames it to the id and fsyncs the folder. */
  async write(id: string, bytes: Uint8Array): Promise<void> {
    assertFileId(id);
    await mkdir(this.dir, { recursive: true });
    // A dot never appears in an id, so a temp name cannot be mistaken for a file.
    const temp = join(this.dir, `${id}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path(id));
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    await syncDir(this.dir);
  }

  /** The bytes, or null when the file is not on disk. */
  async read(id: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(id)));
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return null;
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }

  /** Removes what a crash can leave: temp files, and files whose record never made it (not in `known`). */
  async removeStray(known: ReadonlySet<string> | ReadonlyMap<string, unknown>): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return [];
      throw error;
    }
    const stray = names.filter((name) => !known.has(name));
    for (const name of stray) await rm(join(this.dir, name), { force: true, recursive: true });
    return stray;
  }

  private path(id: string): string {
    assertFileId(id);
    return join(this.dir, id);
  }
}
