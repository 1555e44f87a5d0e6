import type { Status } from './reference-data.js';

/**
 * A decision on an idea that the people who voted on it are told about (SPEC 3.1 "You said, we did"),
 * with the reason given, if any.
 */
export type Decision =
  | { kind: 'shortlisted'; override: boolean; reason?: string }
  | { kind: 'not_shortlisted'; reason?: string }
  | { kind: 'returned'; to: Status; reason?: string }
  | { kind: 'held'; at: Status; reason?: string }
  | { kind: 'rejected'; reason?: string }
  | { kind: 'jcc'; outcome: 'approved' | 'deferred' | 'rejected'; reason?: string };
