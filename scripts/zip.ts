import { zipSync } from 'fflate';

/**
 * Writes a zip archive (deflated entries, no directories) from name → bytes, in the map's order. Every
 * entry carries the same timestamp, so the same files always give the same bytes.
 */
export function writeZip(files: Map<string, Uint8Array>, when = new Date(2026, 0, 1)): Buffer {
  // fflate takes a plain object, whose key order is insertion order except for integer-like keys
  // (such as "1"), which JavaScript puts first; file names with an extension are never integer-like.
  const zip = zipSync(Object.fromEntries(files), { mtime: when });
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
