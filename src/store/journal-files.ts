import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeLine } from './journal-line.js';

const NAME = /^journal-(\d{6,})\.jsonl$/;

/** Path of the journal of one generation (each compaction starts the next). */
export function journalPath(dir: string, generation: number): string {
  return join(dir, `journal-${String(generation).padStart(6, '0')}.jsonl`);
}

/** Generations of the journal files present in `dir`, ascending. */
export async function listJournalGenerations(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  return names
    .map((name) => NAME.exec(name)?.[1])
    .filter((g): g is string => g !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Deletes journals older than `generation` (a snapshot of that generation already holds them). */
export async function removeJournalsBefore(dir: string, generation: number): Promise<void> {
  for (const g of await listJournalGenerations(dir)) if (g < generation) await rm(journalPath(dir, g), { force: true });
}

/**
 * Reads a journal's bodies in order. A bad final line is a write torn by a crash: with `repairTail`
 * it is dropped and the file truncated after the last good line; anywhere else it is corruption,
 * reported with the file and line number.
 */
export async function readJournal(path: string, repairTail: boolean): Promise<string[]> {
  const bytes = await readFile(path);
  const bodies: string[] = [];
  let start = 0;
  for (let lineNo = 1; start < bytes.length; lineNo++) {
    const newline = bytes.indexOf(10, start);
    const end = newline === -1 ? bytes.length : newline;
    const body = decodeLine(bytes.subarray(start, end).toString('utf8'));
    if (body === null) {
      const isLast = newline === -1 || bytes.subarray(newline + 1).every((b) => b === 10);
      if (isLast && repairTail) {
        await truncateDurably(path, start);
        return bodies;
      }
      throw new Error(
        `Journal ${path} line ${lineNo} is corrupt (bad checksum or truncated). Restore the data directory from a backup, or move that line aside if you accept losing it.`,
      );
    }
    bodies.push(body);
    start = end + 1;
  }
  return bodies;
}

async function truncateDurably(path: string, length: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
