import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { PlatformRecords } from '../../ports/platform-adapter.js';
import type { ReplyFile } from '../../views/reply.js';

/** How long a download link works. */
const LINK_TTL_MS = 24 * 3_600_000;
/** The path files are served under, on the one HTTP server. */
export const FILES_PATH = '/teams/files';

interface StoredFile {
  filename: string;
  mimeType: string;
  base64: string;
  expiresAt: string;
}

/**
 * Delivers reply files (a business case, a CSV) in Teams as download links: a bot cannot attach
 * arbitrary files to a channel message, so each file is kept in the store (so any replica can serve
 * it) under an unguessable token for a day. Without a public address there is nothing to link to.
 */
export class FileLinks {
  constructor(
    /** The store's `teams:file` records, one per token. */
    private readonly records: PlatformRecords,
    private readonly baseUrl: string | undefined,
    private readonly clock: () => Date,
  ) {}

  /** Stores the files and returns their links, or null when no public address is configured. */
  async publish(files: ReplyFile[]): Promise<{ title: string; url: string }[] | null> {
    if (files.length === 0) return [];
    if (!this.baseUrl) return null;
    const links: { title: string; url: string }[] = [];
    for (const file of files) {
      const token = randomBytes(18).toString('base64url');
      const stored: StoredFile = {
        filename: file.filename,
        mimeType: file.mimeType,
        base64: Buffer.from(file.content).toString('base64'),
        expiresAt: new Date(this.clock().getTime() + LINK_TTL_MS).toISOString(),
      };
      await this.records.put(token, stored);
      links.push({
        title: file.title,
        url: `${this.baseUrl.replace(/\/$/, '')}${FILES_PATH}/${token}/${encodeURIComponent(file.filename)}`,
      });
    }
    return links;
  }

  /** Serves stored files at `GET /teams/files/<token>/<name>`. */
  mount(app: Express): void {
    app.get(`${FILES_PATH}/:token/:name`, async (req, res) => {
      const token = String(req.params.token);
      const file = /^[A-Za-z0-9_-]{24}$/.test(token) ? await this.records.get(token).catch(() => null) : null;
      if (!isStoredFile(file) || Date.parse(file.expiresAt) < this.clock().getTime()) {
        res
          .status(404)
          .type('text/plain')
          .send('This download link has expired. Please ask the bot again for a fresh one.');
        return;
      }
      res.setHeader('content-type', file.mimeType);
      res.setHeader('content-disposition', `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '')}"`);
      res.send(Buffer.from(file.base64, 'base64'));
    });
  }
}

/** True when a record read back is a file this adapter stored. */
function isStoredFile(value: unknown): value is StoredFile {
  const file = value as StoredFile | null;
  return (
    typeof file?.filename === 'string' &&
    typeof file.mimeType === 'string' &&
    typeof file.base64 === 'string' &&
    typeof file.expiresAt === 'string'
  );
}
