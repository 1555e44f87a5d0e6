import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A bot running in a child process (`test/support/bot-process.ts`). */
export interface BotProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed on stdout so far. */
  stdout(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts bot processes and makes sure none outlives the test: every child is tracked from the moment it
 * is spawned, so {@link BotProcesses.stopAll} (in `afterAll` or `finally`) ends them even when one of
 * them failed to start; only after that should the fake servers they talk to be closed.
 */
export class BotProcesses {
  private readonly started: { child: ChildProcess; exited: BotProcess['exited'] }[] = [];

  /** Starts one bot; rejects if it exits (or prints nothing ready) before serving, within `timeoutMs`. */
  start(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/bot-process.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.started.push({ child, exited });
    let out = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bot process not ready within ${timeoutMs} ms`)), timeoutMs);
      child.once('error', reject);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const ready = /READY (\S+)/.exec(out);
        if (ready?.[1]) {
          clearTimeout(timer);
          resolve({ child, url: ready[1], stdout: () => out, exited });
        }
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`bot process exited (${signal ?? code}) before it was ready`));
      });
    });
  }

  /** SIGTERMs every child still running and waits for it to exit, SIGKILLing any still there after `graceMs`. */
  async stopAll(graceMs = 20_000): Promise<void> {
    await Promise.all(
      this.started.map(async ({ child, exited }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
