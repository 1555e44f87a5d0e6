import type { DigestSchedule } from '../config/settings.js';
import { WEEKDAYS } from '../config/settings.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock parts of a moment in a zone (cached formatter per zone). */
function partsIn(zone: string, at: number): { y: number; m: number; d: number; h: number; min: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, min: p.minute! };
}

/** The zone's offset from UTC (ms) at a moment: local wall time read as UTC, minus the moment. */
function offsetAt(zone: string, at: number): number {
  const p = partsIn(zone, at);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min) - Math.floor(at / 60_000) * 60_000;
}

/** The moment a local wall time happens in a zone (for a time skipped by a clock change, the hour after). */
export function zonedTime(zone: string, y: number, m: number, d: number, h: number, min: number): Date {
  const wall = Date.UTC(y, m - 1, d, h, min);
  // Two passes: the offset at the first guess may differ from the one at the answer across a clock change.
  let at = wall - offsetAt(zone, wall);
  at = wall - offsetAt(zone, at);
  return new Date(at);
}

/**
 * The first moment strictly after `now` that is the schedule's day and local time in its zone (e.g. the
 * next Monday 09:00 in London, in GMT or BST as that Monday has it). Uses only `Intl.DateTimeFormat`.
 */
export function nextWeekly(now: Date, schedule: DigestSchedule): Date {
  const [hh, mm] = schedule.time.split(':').map(Number) as [number, number];
  const today = partsIn(schedule.timeZone, now.getTime());
  const want = WEEKDAYS.indexOf(schedule.day);
  for (let offset = 0; offset <= 7; offset++) {
    // Calendar arithmetic on the local date, so a 23- or 25-hour day is never skipped or doubled.
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + offset));
    if (day.getUTCDay() !== want) continue;
    const at = zonedTime(schedule.timeZone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hh, mm);
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error('unreachable: a weekday comes round within eight days');
}
