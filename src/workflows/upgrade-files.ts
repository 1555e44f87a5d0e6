import { FILE_ID_PATTERN, type Store } from '../store/store.js';

/** Where releases before the file port kept Teams download files: settings `teams:file:<token>`. */
const LEGACY_FILE_PREFIX = 'teams:file:';

interface LegacyFile {
  filename: string;
  mimeType: string;
  base64: string;
  expiresAt: string;
}

function isLegacyFile(value: unknown): value is LegacyFile {
  const file = value as LegacyFile | null;
  return (
    typeof file?.filename === 'string' &&
    typeof file.mimeType === 'string' &&
    typeof file.base64 === 'string' &&
    typeof file.expiresAt === 'string' &&
    !Number.isNaN(Date.parse(file.expiresAt))
  );
}

/**
 * Moves files earlier releases kept as base64 in settings into the file port, under the same token so
 * their links keep working, and removes the settings (idempotent: every replica may run it at start-up).
 * Expired ones, and records that are not such files, are only removed. Returns the tokens moved.
 */
export async function moveSettingsFiles(store: Store, now: Date): Promise<{ moved: string[]; dropped: string[] }> {
  const done = { moved: [] as string[], dropped: [] as string[] };
  for (const key of await store.listSettingKeys(LEGACY_FILE_PREFIX)) {
    const token = key.slice(LEGACY_FILE_PREFIX.length);
    const value = await store.getSetting(key);
    if (value === null) continue; // another replica moved it meanwhile
    if (isLegacyFile(value) && FILE_ID_PATTERN.test(token) && Date.parse(value.expiresAt) >= now.getTime()) {
      const bytes = new Uint8Array(Buffer.from(value.base64, 'base64'));
      const meta = { filename: value.filename, mimeType: value.mimeType };
      await store.putFile(token, bytes, meta, new Date(value.expiresAt));
      done.moved.push(token);
    } else {
      done.dropped.push(token);
    }
    await store.deleteSetting(key);
  }
  return done;
}
