import type { FileStore } from '../store/store.js';

/** The periodic job that removes expired files (Teams download links) from the store. */
export const PURGE_FILES_JOB_ID = 'purge:files';
/** How often expired files are purged. */
export const PURGE_FILES_EVERY_MS = 3_600_000;

/** Deletes every file expired at `now`; returns their ids. A file another replica removed first is no error. */
export async function purgeExpiredFiles(
  files: Pick<FileStore, 'listExpiredFiles' | 'deleteFile'>,
  now: Date,
): Promise<string[]> {
  const expired = await files.listExpiredFiles(now);
  for (const id of expired) await files.deleteFile(id);
  return expired;
}
