/** Codes for every failure a person (or a platform) can cause; each is rendered once per platform. */
export type PilotErrorCode =
  | 'unknown_command'
  | 'missing_argument'
  | 'invalid_argument'
  | 'invalid_input'
  | 'idea_not_found'
  | 'round_not_found'
  | 'person_not_found'
  | 'not_permitted'
  | 'gate_not_met'
  | 'invalid_transition'
  | 'round_closed'
  | 'round_already_open'
  | 'not_eligible'
  /** A provider's first vote in a round came without their answer to the conflict question. */
  | 'conflict_answer_needed'
  | 'conflict'
  | 'coming_soon'
  | 'store_unavailable';

/** An expected failure, with a message written for the person who caused it. */
export class PilotError extends Error {
  readonly code: PilotErrorCode;
  /** Per-field messages for form submissions (field id → message). */
  readonly fieldErrors: Record<string, string>;
  /** Lines that explain further, e.g. what a gate still needs. */
  readonly details: string[];

  constructor(
    code: PilotErrorCode,
    message: string,
    options: { cause?: unknown; fieldErrors?: Record<string, string>; details?: string[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'PilotError';
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? {};
    this.details = options.details ?? [];
  }
}

/** True when `error` is a PilotError (also across module copies). */
export function isPilotError(error: unknown): error is PilotError {
  return error instanceof PilotError || (error instanceof Error && error.name === 'PilotError' && 'code' in error);
}

/** Raised by a store when a save's expected version has moved underneath it. */
export class VersionConflictError extends Error {
  constructor(what: string) {
    super(`${what} was changed by someone else; re-read and retry`);
    this.name = 'VersionConflictError';
  }
}
