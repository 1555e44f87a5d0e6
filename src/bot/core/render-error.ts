import { randomUUID } from 'node:crypto';
import { isPilotError } from '../../domain/pilot-error.js';
import type { Logger } from '../../workflows/deps.js';
import type { Reply } from '../../views/reply.js';

/** Errors about what was typed: the person can put them right where they typed it. */
const FIXABLE_CODES: readonly string[] = ['invalid_input', 'missing_argument', 'invalid_argument'];

/** Turns a failure into a private reply: a PilotError's own words, or a short apology for a bug (logged with context). */
export function renderError(error: unknown, logger: Logger, context: Record<string, unknown>): Reply {
  if (isPilotError(error)) {
    const blocks: Reply['blocks'] = [{ kind: 'text', text: error.message }];
    if (error.details.length > 0) blocks.push({ kind: 'list', items: error.details });
    const text = error.details.length > 0 ? `${error.message} ${error.details.join('; ')}` : error.message;
    const fixable = FIXABLE_CODES.includes(error.code) || Object.keys(error.fieldErrors ?? {}).length > 0;
    return {
      visibility: 'private',
      text,
      blocks,
      errorCode: error.code,
      fieldErrors: error.fieldErrors,
      ...(fixable ? { fixable } : {}),
    };
  }
  const reference = randomUUID().slice(0, 8);
  logger.error('unexpected failure', {
    ...context,
    reference,
    err: error,
  });
  const text = `Sorry, something went wrong on our side. Please try again in a moment; if it keeps happening, tell your admin (reference ${reference}).`;
  return { visibility: 'private', text, blocks: [{ kind: 'text', text }], errorCode: 'internal' };
}
