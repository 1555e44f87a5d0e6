import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDir } from './fs-sync.js';

/** The two file operations the journal relies on; tests swap them to inject disk failures. */
export interface JournalIo {
  write(handle: FileHandle, data: Buffer): Promise<void>;
  sync(handle: FileHandle): Promise<void>;
}

/** Real file operations: write everything, then fdatasync. */
export const nodeJournalIo: JournalIo = {
  async write(handle, data) {
    for (let done = 0; done < data.length;) done += (await handle.write(data, done)).bytesWritten;
  },
  sync: (handle) => handle.datasync(),
};

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}
type Entry = (Waiter & { kind: 'line'; text: string }) | (Waiter & { kind: 'rotate'; path: string });

/**
 * Append-only writer with group commit: lines appended while a write is in flight (or in the same
 * tick) share one write and one fdatasync, and each append resolves only once its line is durable.
 * After a failed write or sync it fails every later append: memory is then ahead of disk.
 */
export class Journal {
  /** Set once a write or sync failed; the journal accepts nothing after. */
  failure: Error | undefined;
  /** Bytes appended to the current file since it was opened (or rotated to). */
  bytes = 0;
  private queue: Entry[] = [];
  private running = false;
  private scheduled = false;
  private flushes = 0;

  private constructor(
    private handle: FileHandle,
    private path: string,
    private readonly io: JournalIo,
  ) {}

  /** Opens (creating if needed) a journal file for appending. */
  static async open(path: string, io: JournalIo = nodeJournalIo): Promise<Journal> {
    const handle = await open(path, 'a');
    await syncDir(dirname(path));
    const journal = new Journal(handle, path, io);
    journal.bytes = (await handle.stat()).size;
    return journal;
  }

  /** How many write+sync rounds have run (group commit keeps this well below the number of lines). */
  get flushCount(): number {
    return this.flushes;
  }

  /** Appends one encoded line; resolves once it is on disk. */
  append(text: string): Promise<void> {
    this.bytes += Buffer.byteLength(text);
    return this.push((w) => ({ ...w, kind: 'line', text }));
  }

  /** Resolves once everything appended before it is on disk. */
  barrier(): Promise<void> {
    if (!this.running && this.queue.length === 0)
      return this.failure ? Promise.reject(this.failure) : Promise.resolve();
    return this.push((w) => ({ ...w, kind: 'line', text: '' }));
  }

  /** Later appends go to `path`, which is created once every earlier line is durable in the current file. */
  rotate(path: string): Promise<void> {
    this.bytes = 0;
    return this.push((w) => ({ ...w, kind: 'rotate', path }));
  }

  /** Waits for pending lines, then closes the file. */
  async close(): Promise<void> {
    await this.barrier().catch(() => undefined);
    await this.handle.close();
  }

  private push(make: (waiter: Waiter) => Entry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.queue.push(make({ resolve, reject }));
      if (!this.running && !this.scheduled) {
        this.scheduled = true;
        // setImmediate, not a microtask: lets every mutation of this tick join the batch.
        setImmediate(() => {
          this.scheduled = false;
          void this.drain();
        });
      }
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const cut = this.queue.findIndex((entry) => entry.kind === 'rotate');
        const batch = this.queue.splice(0, cut === -1 ? this.queue.length : Math.max(cut, 1));
        try {
          if (this.failure) throw this.failure;
          const first = batch[0];
          if (first?.kind === 'rotate') await this.switchTo(first.path);
          else await this.writeBatch(batch);
          for (const entry of batch) entry.resolve();
        } catch (error) {
          this.failure ??= new Error(`writing journal ${this.path} failed: ${describe(error)}`, { cause: error });
          for (const entry of [...batch, ...this.queue.splice(0)]) entry.reject(this.failure);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async writeBatch(batch: Entry[]): Promise<void> {
    const text = batch.map((entry) => (entry.kind === 'line' ? entry.text : '')).join('');
    if (text === '') return;
    this.flushes++;
    await this.io.write(this.handle, Buffer.from(text, 'utf8'));
    await this.io.sync(this.handle);
  }

  private async switchTo(path: string): Promise<void> {
    const next = await open(path, 'a');
    await syncDir(dirname(path));
    const previous = this.handle;
    this.handle = next;
    this.path = path;
    await previous.close();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
