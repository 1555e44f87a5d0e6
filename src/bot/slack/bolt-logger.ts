import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../workflows/deps.js';

/** Bolt's logger interface over the bot's logger; Bolt's debug chatter is dropped. */
export function boltLogger(logger: Logger): BoltLogger {
  const line = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  return {
    debug: () => {},
    info: (...parts: unknown[]) => logger.info(`slack: ${line(parts)}`),
    warn: (...parts: unknown[]) => logger.warn(`slack: ${line(parts)}`),
    error: (...parts: unknown[]) => logger.error(`slack: ${line(parts)}`),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
