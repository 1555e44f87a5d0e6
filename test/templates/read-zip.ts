import { unzipSync } from 'fflate';

/** Reads every entry of a zip archive (stored or deflated): name → bytes. */
export function readZip(zip: Uint8Array): Map<string, Buffer> {
  return new Map(
    Object.entries(unzipSync(zip)).map(([name, bytes]) => [
      name,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ]),
  );
}
