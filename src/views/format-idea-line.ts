import type { Idea } from '../domain/idea.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import { clip, formatSince } from './format.js';

/** A one-line summary of an idea for lists; under a stage heading, `withStage: false` leaves the stage out. */
export function ideaLine(idea: Idea, now: Date, options: { withStage?: boolean } = {}): string {
  const since = formatSince(idea.statusSince, now);
  const where = options.withStage === false ? `here for ${since}` : `${STATUS_LABELS[idea.status]} for ${since}`;
  return `${idea.id} · ${clip(idea.title, 80)} · ${where}`;
}
