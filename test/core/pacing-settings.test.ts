import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { DEFAULT_STAGE_DAYS } from '../../src/domain/stage-targets.js';

const dir = mkdtempSync(join(tmpdir(), 'pilot-pacing-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const withFile = (rules: unknown) => {
  const path = join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(rules));
  return { PILOT_CONFIG_FILE: path };
};

describe('pacing settings', () => {
  it('defaults: the stage targets, Monday 09:00 London, no committee channel', () => {
    const s = loadSettings({});
    expect(s.rules.stageDays).toEqual(DEFAULT_STAGE_DAYS);
    expect(s.rules.digest).toEqual({ day: 'monday', time: '09:00', timeZone: 'Europe/London' });
    expect(s.committeeChannels).toEqual([]);
  });

  it('lays the file’s stage days over the defaults, keyed by status (so later statuses can be added)', () => {
    const s = loadSettings(withFile({ stageDays: { review: 7, live: 90 }, digest: { day: 'friday', time: '16:30' } }));
    expect(s.rules.stageDays).toMatchObject({ review: 7, live: 90, outline: DEFAULT_STAGE_DAYS.outline });
    expect(s.rules.digest).toEqual({ day: 'friday', time: '16:30', timeZone: 'Europe/London' });
  });

  it('refuses a bad day, time, zone or number of days, naming it', () => {
    expect(() => loadSettings(withFile({ digest: { day: 'funday' } }))).toThrow(/digest\.day: use a day of the week/);
    expect(() => loadSettings(withFile({ digest: { time: '9am' } }))).toThrow(/digest\.time: use a 24-hour time/);
    expect(() => loadSettings(withFile({ digest: { timeZone: 'Mars/Olympus' } }))).toThrow(/digest\.timeZone/);
    expect(() => loadSettings(withFile({ stageDays: { review: 0 } }))).toThrow(/stageDays\.review/);
  });

  it('reads PILOT_COMMITTEE_CHANNEL as platform-qualified channels', () => {
    expect(
      loadSettings({ PILOT_COMMITTEE_CHANNEL: 'slack:C123, teams:19:abc@thread.tacv2' }).committeeChannels,
    ).toEqual(['slack:C123', 'teams:19:abc@thread.tacv2']);
    expect(() => loadSettings({ PILOT_COMMITTEE_CHANNEL: 'C123' })).toThrow(/^Bad setting PILOT_COMMITTEE_CHANNEL/);
  });
});
