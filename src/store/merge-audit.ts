import type { AuditEvent } from '../domain/audit.js';

/** Appended audit events plus ideas' histories in one list, oldest first by `at` (ties keep input order). */
export function mergeAudit(
  appended: readonly AuditEvent[],
  histories: readonly (readonly AuditEvent[])[],
): AuditEvent[] {
  const all = [...appended, ...histories.flat()].map((event, index) => ({ event, index, time: Date.parse(event.at) }));
  // Compare instants, not strings: `at` may carry different offsets or precision.
  all.sort((a, b) => a.time - b.time || a.index - b.index);
  return all.map((entry) => entry.event);
}

/** Sort key for `R-<n>` / `IP-<n>` ids: the number after the dash. */
export function idNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}
