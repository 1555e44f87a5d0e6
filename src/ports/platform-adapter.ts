import type { Express } from 'express';
import type { PilotCore } from '../bot/core/pilot-core.js';
import type { Settings } from '../config/settings.js';
import type { Store } from '../store/store.js';
import type { Agenda } from '../workflows/agenda.js';
import type { Logger } from '../workflows/deps.js';
import type { ForumChannels } from '../workflows/forum-channels.js';
import type { Notifier } from '../workflows/notifier.js';
import type { PeopleService } from '../workflows/people-service.js';
import type { VotingService } from '../workflows/voting-service.js';

/**
 * The store calls a chat adapter may make: a person's record (names, contact), delivery claims, and
 * the files it serves (Teams download links).
 */
export type AdapterStore = Pick<Store, 'getPerson' | 'claimDelivery' | 'putFile' | 'getFile'>;

/** The file calls of {@link AdapterStore}: what the Teams download links keep their files with. */
export type AdapterFiles = Pick<Store, 'putFile' | 'getFile'>;

/**
 * A platform's own records of one kind, kept in the store for every replica (Teams conversation
 * references, Teams file links) and never read by the core. The adapter checks what it reads back.
 */
export interface PlatformRecords {
  get(id: string): Promise<unknown>;
  put(id: string, value: unknown): Promise<void>;
}

/**
 * What a chat adapter may use of the engine (the composition root hands it over; adapters never
 * import the root itself): the command layer, the round messages, people's contacts, and the clock.
 */
export interface AdapterPilot {
  core: Pick<PilotCore, 'handle'>;
  voting: Pick<VotingService, 'currentView' | 'recordPost'>;
  people: Pick<PeopleService, 'touch'>;
  deps: { store: AdapterStore; clock: () => Date };
  /** What waits on a person (the Slack Home tab shows it). */
  agenda(personId: string): Promise<Agenda>;
  /** Where this platform's forums are (typed: no setting keys in the adapters). */
  forums: Pick<ForumChannels, 'all' | 'get'>;
  /** The platform's own records of a kind (e.g. `records('teams', 'conversation')`). */
  records(platform: string, kind: string): PlatformRecords;
}

/** A running chat platform: how the core reaches people there, and how to stop it. */
export interface PlatformAdapter {
  name: string;
  notifier: Notifier;
  close(): Promise<void>;
}

/** What an adapter gets to mount itself on the one HTTP app. */
export interface MountContext {
  app: Express;
  pilot: AdapterPilot;
  settings: Settings;
  logger: Logger;
  /** True when no chat credentials are set and not in production. */
  localMode: boolean;
}

/** Mounts an adapter if its settings are present; returns null when it is not configured. */
export type MountAdapter = (context: MountContext) => Promise<PlatformAdapter | null>;
