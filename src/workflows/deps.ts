import type { ArtefactRegistry } from '../artefacts/artefact-registry.js';
import type { PipelineRules } from '../config/settings.js';
import type { Store } from '../store/store.js';
import type { Notifier } from './notifier.js';
import type { SimilarityIndex } from './similarity-index.js';

/**
 * The structured logger the services and adapters use (the app builds it on pino). A failure goes in
 * the context as `err` (`{ err: error }`), never as `String(error)`, so its stack is kept. No line may
 * pair a person with a vote's choice (SPEC 3.1).
 */
export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  /** A logger whose every line also carries `bindings` (a delivery's `requestId`). */
  child(bindings: Record<string, unknown>): Logger;
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
  /** Platform-qualified channels the weekly digest is posted in (`PILOT_COMMITTEE_CHANNEL`); none when unset. */
  committeeChannels?: readonly string[];
}

/** The real clock; only `main.ts` and processes that run against real time pass it. */
export const systemClock = (): Date => new Date();

/** A logger that keeps nothing; for tests that do not look at logs. */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
