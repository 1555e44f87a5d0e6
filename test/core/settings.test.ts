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
