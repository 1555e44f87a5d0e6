import type { Idea } from '../domain/idea.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import { overdueSince } from '../domain/stage-targets.js';
import { formatDate } from '../templates/case-format.js';
import { clip, formatSince } from './format.js';

/**
 * A one-line summary of an idea for lists; under a stage heading, `withStage: false` leaves the stage out.
 * With `stageDays` (the configured targets) an idea past its target date is marked overdue.
 */
export function ideaLine(
  idea: Idea,
  now: Date,
  options: { withStage?: boolean; stageDays?: Readonly<Record<string, number>> } = {},
): string {
  const since = formatSince(idea.statusSince, now);
  const where = options.withStage === false ? `here for ${since}` : `${STATUS_LABELS[idea.status]} for ${since}`;
  const late = options.stageDays ? overdueSince(idea, options.stageDays, now) : undefined;
  return `${idea.id} · ${clip(idea.title, 80)} · ${where}${late ? ` · ${overdueText(late)}` : ''}`;
}

/** “Overdue: target was 3 March 2026” for a target day (`YYYY-MM-DD`). */
export function overdueText(targetDay: string): string {
  return `overdue (target was ${formatUkDay(targetDay)})`;
}

/** A UK day (`YYYY-MM-DD`) as people read it: “3 March 2026”. */
export function formatUkDay(day: string): string {
  return formatDate(`${day}T12:00:00Z`);
}
