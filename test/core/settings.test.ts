import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../src/config/settings.js';

describe('PILOT_MIN_GROUP_SIZE', () => {
  it('defaults to 3, takes a larger size, and refuses a size that would show one person alone', () => {
    expect(loadSettings({}).rules.minGroupSize).toBe(3);
    expect(loadSettings({ PILOT_MIN_GROUP_SIZE: '5' }).rules.minGroupSize).toBe(5);
    for (const bad of ['1', '0', 'three'])
      expect(() => loadSettings({ PILOT_MIN_GROUP_SIZE: bad }), bad).toThrow(SettingsError);
    expect(() => loadSettings({ PILOT_MIN_GROUP_SIZE: '1' })).toThrow(/PILOT_MIN_GROUP_SIZE/);
  });
});

describe('PILOT_SHUTDOWN_SECONDS', () => {
  it('defaults to 10 s, takes a fraction, and refuses a negative, a huge or a non-number value naming the setting', () => {
    expect(loadSettings({}).shutdownSeconds).toBe(10);
    expect(loadSettings({ PILOT_SHUTDOWN_SECONDS: '25' }).shutdownSeconds).toBe(25);
    expect(loadSettings({ PILOT_SHUTDOWN_SECONDS: '0.5' }).shutdownSeconds).toBe(0.5);
    for (const bad of ['-1', '601', 'soon'])
      expect(() => loadSettings({ PILOT_SHUTDOWN_SECONDS: bad }), bad).toThrow(/^Bad setting PILOT_SHUTDOWN_SECONDS/);
  });
});
