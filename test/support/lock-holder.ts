/**
 * Child process of the file-lock tests: takes a lock file as a real, separate process would.
 * Prints `READY` once loaded, waits for a line on stdin (`GO`), then tries the lock and prints
 * `WON` or `REFUSED <message>`. A winner keeps the lock until stdin closes, then releases it and exits;
 * with `--leave` it does nothing more after winning, so it ends only if the heartbeat lets it.
 *
 * Usage: node --import tsx test/support/lock-holder.ts <lockPath> <host|-> <heartbeatMs> <staleAfterMs> [--leave]
 */
import { createInterface } from 'node:readline';
import { acquireFileLock } from '../../src/store/file-lock.js';

const [path, host, heartbeat, stale, mode] = process.argv.slice(2);
if (!path || !host || !heartbeat || !stale) {
  process.stderr.write('usage: lock-holder.ts <lockPath> <host|-> <heartbeatMs> <staleAfterMs> [--leave]\n');
  process.exit(64);
}
const say = (line: string) => process.stdout.write(`${line}\n`);
const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
say('READY');
await go;
try {
  const lock = await acquireFileLock(path, 'The test folder', {
    host: host === '-' ? undefined : host,
    heartbeatMs: Number(heartbeat),
    staleAfterMs: Number(stale),
  });
  say('WON');
  if (mode === '--leave') {
    lines.close();
    process.stdin.destroy();
  } else {
    lines.once('close', () => void lock.release());
  }
} catch (error) {
  say(`REFUSED ${error instanceof Error ? error.message : String(error)}`);
  lines.close();
  process.stdin.destroy();
}
