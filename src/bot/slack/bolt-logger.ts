import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../workflows/deps.js';

/**
 * Bolt's logger interface over the bot's logger: the words become the message, and an error Bolt
 * passes along goes under `err`, with its stack. Bolt's debug lines are always dropped: Bolt logs whole
 * request bodies at debug, and a vote's body names both the voter and their choice.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const line =
    (level: 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      const err = parts.find((p) => p instanceof Error);
      const words = parts
        .filter((p) => p !== err)
        .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
        .join(' ');
      logger[level](`slack: ${words || (err as Error | undefined)?.message || ''}`, err ? { err } : undefined);
    };
  return {
    debug: () => {},
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
