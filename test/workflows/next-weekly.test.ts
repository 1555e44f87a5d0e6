import { describe, expect, it } from 'vitest';
import { nextWeekly } from '../../src/workflows/next-weekly.js';

const LONDON = { day: 'monday', time: '09:00', timeZone: 'Europe/London' } as const;
const next = (now: string, schedule: Parameters<typeof nextWeekly>[1] = LONDON) =>
  nextWeekly(new Date(now), schedule).toISOString();

describe('nextWeekly (fixed dates; the system clock is never read)', () => {
  it('finds Monday 09:00 London in GMT and in BST', () => {
    expect(next('2027-01-13T12:00:00Z')).toBe('2027-01-18T09:00:00.000Z');
    expect(next('2027-06-16T12:00:00Z')).toBe('2027-06-21T08:00:00.000Z');
  });

  it('follows the clocks going forward (28 March 2027) and back (25 October 2026)', () => {
    expect(next('2027-03-24T10:00:00Z')).toBe('2027-03-29T08:00:00.000Z');
    expect(next('2027-03-22T09:00:00Z')).toBe('2027-03-29T08:00:00.000Z');
    expect(next('2026-10-19T08:00:00Z')).toBe('2026-10-26T09:00:00.000Z');
    expect(next('2026-10-26T08:30:00Z')).toBe('2026-10-26T09:00:00.000Z');
  });

  it('is strictly after now, so a digest sent at 09:00 is next due a week later', () => {
    expect(next('2026-11-23T09:00:00Z')).toBe('2026-11-30T09:00:00.000Z');
    expect(next('2026-11-23T08:59:59Z')).toBe('2026-11-23T09:00:00.000Z');
  });

  it('takes another day, time and zone; a time the clocks skip comes an hour later', () => {
    expect(next('2027-01-13T12:00:00Z', { day: 'friday', time: '16:30', timeZone: 'America/New_York' })).toBe(
      '2027-01-15T21:30:00.000Z',
    );
    expect(next('2027-03-27T12:00:00Z', { day: 'sunday', time: '01:30', timeZone: 'Europe/London' })).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });
});
