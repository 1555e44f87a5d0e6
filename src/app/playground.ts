import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** A running Microsoft 365 Agents Playground (a local Teams-like web client). */
export interface Playground {
  /** The address to open in a browser. */
  url: string;
  stop(): void;
}

/** How long to wait for the Playground to say it is listening. */
const START_TIMEOUT_MS = 20_000;

/**
 * Starts the Agents Playground from node_modules, pointed at the bot's Teams endpoint, and resolves
 * with the address to open. Rejects with a reason a newcomer can act on; the bot keeps running.
 */
export function startPlayground(options: {
  botUrl: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<Playground> {
  let cli: string;
  try {
    cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    return Promise.reject(new Error('the package @microsoft/m365agentsplayground is not installed (run npm install)'));
  }
  const args = [
    cli,
    '-e',
    `${options.botUrl}/api/messages`,
    '-c',
    'msteams',
    '--dt',
    '-p',
    String(options.port ?? 56150),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      stop(child);
      reject(new Error(reason));
    };
    const timer = setTimeout(
      () =>
        fail(`it did not start within ${START_TIMEOUT_MS / 1000} s${output ? `: ${output.trim().slice(-300)}` : ''}`),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /Listening on (\d+)/.exec(output)?.[1];
      if (!port) return;
      child.stdout?.off('data', onData);
      // "Listening" is printed before the page is served: under load the first request was reset.
      // Resolve only once the page really answers, so the address we print works when opened.
      const url = `http://localhost:${port}`;
      void answers(url, () => child.exitCode !== null).then((ok) => {
        if (!ok) return;
        clearTimeout(timer);
        resolve({ url, stop: () => stop(child) });
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-2000);
    });
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code) =>
      fail(`it stopped straight away (exit code ${code})${output ? `: ${output.trim().slice(-300)}` : ''}`),
    );
  });
}

/** Polls `url` until it answers 200; false if `gaveUp()` turns true first (the start timeout still applies). */
async function answers(url: string, gaveUp: () => boolean): Promise<boolean> {
  while (!gaveUp()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return true;
    } catch {
      // Not serving yet (connection refused or reset): try again shortly.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
}
