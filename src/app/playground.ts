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
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({ url: `http://localhost:${port}`, stop: () => stop(child) });
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

function stop(child: ChildProcess): void {
  if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
}
