import type { Idea } from '../domain/idea.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import { clip, formatSince } from './format.js';

/** A one-line summary of an idea for lists. */
export function ideaLine(idea: Idea, now: Date): string {
  return `${idea.id} · ${clip(idea.title, 80)} · ${STATUS_LABELS[idea.status]} for ${formatSince(idea.statusSince, now)}`;
}
