import type { Express } from 'express';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../workflows/deps.js';
import type { Notifier } from '../workflows/notifier.js';
import type { Pilot } from './create-pilot.js';

/** A running chat platform: how the core reaches people there, and how to stop it. */
export interface PlatformAdapter {
  name: 'slack' | 'teams';
  notifier: Notifier;
  close(): Promise<void>;
}

/** What an adapter gets to mount itself on the one HTTP app. */
export interface MountContext {
  app: Express;
  pilot: Pilot;
  settings: Settings;
  logger: Logger;
  /** True when no chat credentials are set and not in production. */
  localMode: boolean;
}

/** Mounts an adapter if its settings are present; returns null when it is not configured. */
export type MountAdapter = (context: MountContext) => Promise<PlatformAdapter | null>;
