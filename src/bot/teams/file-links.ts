import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { AdapterFiles } from '../../ports/platform-adapter.js';
import type { ReplyFile } from '../../views/reply.js';

/** How long a download link works; the `purge_files` job removes the file some time after. */
export const LINK_TTL_MS = 24 * 3_600_000;
/** The path files are served under, on the one HTTP server. */
export const FILES_PATH = '/teams/files';
/** A link's token: 18 random bytes in base64url, also the stored file's id. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/**
 * Delivers reply files (a business case, a CSV) in Teams as download links: a bot cannot attach
 * arbitrary files to a channel message, so each file is kept in the store's file port (so any replica
 * can serve it) under an unguessable token for a day. Without a public address there is nothing to link to.
 */
export class FileLinks {
  constructor(
    private readonly files: AdapterFiles,
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
      const expiresAt = new Date(this.clock().getTime() + LINK_TTL_MS);
      await this.files.putFile(token, file.content, { filename: file.filename, mimeType: file.mimeType }, expiresAt);
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
      const file = TOKEN_PATTERN.test(token) ? await this.files.getFile(token).catch(() => null) : null;
      // An expired file not yet purged is refused all the same.
      if (!file || Date.parse(file.expiresAt) < this.clock().getTime()) {
        res
          .status(404)
          .type('text/plain')
          .send('This download link has expired. Please ask the bot again for a fresh one.');
        return;
      }
      res.setHeader('content-type', file.meta.mimeType);
      res.setHeader('content-disposition', `attachment; filename="${file.meta.filename.replace(/["\\\r\n]/g, '')}"`);
      res.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
    });
  }
}
