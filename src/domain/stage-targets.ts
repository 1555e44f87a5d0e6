import type { Idea } from './idea.js';

/**
 * Default days an idea may spend in each status before it is overdue, keyed by status string so later
 * statuses (the pilot's delivery states, SPEC 2.2) are added by adding a key. A status with no entry has no target.
 */
export const DEFAULT_STAGE_DAYS: Readonly<Record<string, number>> = {
  longlist: 14,
  review: 21,
  outline: 28,
  shortlist: 21,
  funding: 28,
  provider_scoping: 42,
  specialist_engagement: 28,
  final_proposal: 42,
  // A pilot's phases (SPEC 2.2): setting up its measures, getting ready, a first six months running, the
  // evaluation's decision, and restarting an extended pilot.
  approved: 28,
  mobilising: 56,
  live: 182,
  evaluated: 42,
  extended: 28,
};

/** The zone target dates are counted in: a council's working day is a UK day. */
export const TARGET_ZONE = 'Europe/London';

const DAY_MS = 86_400_000;
const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: TARGET_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The UK calendar day (`YYYY-MM-DD`) of a moment. */
export function ukDay(at: Date | number): string {
  return DAY_FORMAT.format(at);
}

/** An idea's target date for its current status: the date its PM set, else the day it entered the status plus the configured days. */
export function targetDayOf(
  idea: Pick<Idea, 'status' | 'statusSince' | 'dueDates'>,
  stageDays: Readonly<Record<string, number>>,
): string | undefined {
  const set = idea.dueDates?.[idea.status];
  if (set) return set;
  const days = stageDays[idea.status];
  if (days === undefined) return undefined;
  return ukDay(Date.parse(idea.statusSince) + days * DAY_MS);
}

/** The target day when the idea is past it (the UK day of `now` is later), else undefined. */
export function overdueSince(
  idea: Pick<Idea, 'status' | 'statusSince' | 'dueDates'>,
  stageDays: Readonly<Record<string, number>>,
  now: Date,
): string | undefined {
  const target = targetDayOf(idea, stageDays);
  return target !== undefined && ukDay(now) > target ? target : undefined;
}

/** Whole days from one `YYYY-MM-DD` day to a later one. */
export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}
