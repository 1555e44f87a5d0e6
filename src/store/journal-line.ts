import { crc32 } from 'node:zlib';

// A line is `{"c":"<crc32 hex>","d":<body>}\n`: valid JSON, and the checksum covers the body's exact bytes.
const PREFIX = '{"c":"';
const MIDDLE = '","d":';
const BODY_START = PREFIX.length + 8 + MIDDLE.length;

function checksum(body: string): string {
  return crc32(body).toString(16).padStart(8, '0');
}

/** Wraps a JSON body into one self-checking journal line, newline included. */
export function encodeLine(body: string): string {
  return `${PREFIX}${checksum(body)}${MIDDLE}${body}}\n`;
}

/** The JSON body of a journal line (without its newline), or null when the line is torn or corrupt. */
export function decodeLine(line: string): string | null {
  if (!line.startsWith(PREFIX) || line.slice(PREFIX.length + 8, BODY_START) !== MIDDLE || !line.endsWith('}')) {
    return null;
  }
  const body = line.slice(BODY_START, -1);
  return checksum(body) === line.slice(PREFIX.length, PREFIX.length + 8) ? body : null;
}
