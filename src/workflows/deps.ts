import type { ArtefactRegistry } from '../artefacts/artefact-registry.js';
import type { PipelineRules } from '../config/settings.js';
import type { Store } from '../store/store.js';
import type { Notifier } from './notifier.js';
import type { SimilarityIndex } from './similarity-index.js';

/** Minimal structured logger the services use (pino-compatible shape). */
export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Everything the pipeline and voting services need, passed in (no module state). */
export interface ServiceDeps {
  store: Store;
  clock: () => Date;
  rules: PipelineRules;
  notifier: Notifier;
  logger: Logger;
  similarity: SimilarityIndex;
  /** The stage artefacts: their forms, buttons, recording and gate checks. */
  artefacts: ArtefactRegistry;
}

/** The real clock; only `main.ts` and processes that run against real time pass it. */
export const systemClock = (): Date => new Date();

/** A logger that writes one JSON line per message to stderr. */
export const consoleLogger: Logger = {
  info: (message, context) => console.error(JSON.stringify({ level: 'info', message, ...context })),
  warn: (message, context) => console.error(JSON.stringify({ level: 'warn', message, ...context })),
  error: (message, context) => console.error(JSON.stringify({ level: 'error', message, ...context })),
};

/** A logger that keeps nothing; for tests that do not look at logs. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
