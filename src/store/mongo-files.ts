import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Db, GridFSBucket, type ObjectId } from 'mongodb';
import { assertFileId, type FileMeta, type FileStore, type StoredFile } from './store.js';

/** The GridFS bucket the store keeps files in (collections `files.files` and `files.chunks`). */
export const FILES_BUCKET = 'files';

interface FileMetadata {
  mimeType: string;
  expiresAt: Date;
}

// GridFS takes any _id; the driver's types only name ObjectId. Ids are checked strings.
const gridId = (id: string) => id as unknown as ObjectId;

/**
 * Files in MongoDB's GridFS: chunked across documents (255 KiB each), so a file is not bounded by the
 * 16 MiB document limit. The id is the file's `_id`; the expiry is in its metadata, indexed for the purge.
 */
export class MongoFiles implements FileStore {
  constructor(private readonly bucket: GridFSBucket) {}

  /** The bucket in `db`, with the expiry index the purge's query uses. */
  static async open(db: Db): Promise<MongoFiles> {
    await db.collection(`${FILES_BUCKET}.files`).createIndex({ 'metadata.expiresAt': 1 });
    return new MongoFiles(new GridFSBucket(db, { bucketName: FILES_BUCKET }));
  }

  async putFile(id: string, bytes: Uint8Array, meta: FileMeta, expiresAt: Date): Promise<void> {
    assertFileId(id);
    if (Number.isNaN(expiresAt.getTime())) throw new Error(`File ${id} has an invalid expiry`);
    await this.deleteFile(id); // replaces: GridFS refuses a second file with the same _id
    const metadata: FileMetadata = { mimeType: meta.mimeType, expiresAt };
    const upload = this.bucket.openUploadStreamWithId(gridId(id), meta.filename, { metadata });
    await pipeline(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), upload);
  }

  async getFile(id: string): Promise<StoredFile | null> {
    assertFileId(id);
    const [file] = await this.bucket
      .find({ _id: gridId(id) })
      .limit(1)
      .toArray();
    if (!file) return null;
    const metadata = file.metadata as FileMetadata | undefined;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of this.bucket.openDownloadStream(gridId(id))) chunks.push(chunk as Buffer);
    } catch (error) {
      if (isFileNotFound(error)) return null; // purged between the two reads
      throw error;
    }
    return {
      id,
      bytes: new Uint8Array(Buffer.concat(chunks)),
      meta: { filename: file.filename, mimeType: metadata?.mimeType ?? 'application/octet-stream' },
      expiresAt: new Date(metadata?.expiresAt ?? 0).toISOString(),
    };
  }

  async deleteFile(id: string): Promise<void> {
    assertFileId(id);
    try {
      await this.bucket.delete(gridId(id));
    } catch (error) {
      if (!isFileNotFound(error)) throw error;
    }
  }

  async listExpiredFiles(now: Date): Promise<string[]> {
    const files = await this.bucket
      .find({ 'metadata.expiresAt': { $lte: now } })
      .project<{ _id: unknown }>({ _id: 1 })
      .toArray();
    return files.map((f) => String(f._id)).sort();
  }
}

/** The driver's error for a GridFS id with no file. */
function isFileNotFound(error: unknown): boolean {
  return error instanceof Error && /FileNotFound|File not found/i.test(`${error.name} ${error.message}`);
}
