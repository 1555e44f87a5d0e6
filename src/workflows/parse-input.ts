import type { z } from 'zod';
import { PilotError } from '../domain/pilot-error.js';

/** Parses outside input with a schema; failures become one `invalid_input` PilotError with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    // Scores arrive as one record but are separate fields on the form (`score_<priority>`).
    const field =
      issue.path[0] === 'scores' && issue.path[1] !== undefined
        ? `score_${String(issue.path[1])}`
        : String(issue.path[0] ?? '_');
    fieldErrors[field] ??= friendly(issue);
  }
  const lines = Object.values(fieldErrors);
  throw new PilotError('invalid_input', `Some of the ${what} needs another look: ${lines.join(' ')}`, {
    fieldErrors,
    details: lines,
  });
}

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${labelOf(issue.path)} is needed.`;
  if (issue.code === 'invalid_type') return `${labelOf(issue.path)} is not in the right form.`;
  if (issue.code === 'unrecognized_keys') return 'The form had fields we did not expect.';
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
}

function labelOf(path: PropertyKey[]): string {
  const name = String(path[0] ?? 'A value')
    .replace(/([A-Z])/g, ' $1')
    .replace(/_/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}
