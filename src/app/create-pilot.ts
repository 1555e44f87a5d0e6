import { type ArtefactRegistry, DEFAULT_ARTEFACTS } from '../artefacts/artefact-registry.js';
import { PilotCore } from '../bot/core/pilot-core.js';
import type { PlatformRecords } from '../ports/platform-adapter.js';
import type { BoardFeatures, DocumentFeatures } from '../bot/core/pilot-services.js';
import type { PipelineRules } from '../config/settings.js';
import type { Store } from '../store/store.js';
import { type Agenda, agendaFor } from '../workflows/agenda.js';
import { ArtefactService } from '../workflows/artefact-service.js';
import { type Logger, type ServiceDeps, silentLogger } from '../workflows/deps.js';
import { type ForumChannels, forumChannels } from '../workflows/forum-channels.js';
import { FanOutNotifier, type Notifier } from '../workflows/notifier.js';
import { PeopleService } from '../workflows/people-service.js';
import { PipelineService } from '../workflows/pipeline-service.js';
import { SimilarityIndex } from '../workflows/similarity-index.js';
import { ensurePurgeScheduled } from '../workflows/scheduler.js';
import { ensureDigestScheduled } from '../workflows/weekly-digest.js';
import { moveSettingsFiles } from '../workflows/upgrade-files.js';
import { upgradeStoredRounds } from '../workflows/upgrade-rounds.js';
import { VotingService } from '../workflows/voting-service.js';

/** The assembled engine: services plus the command layer, over one store. */
export interface Pilot {
  core: PilotCore;
  deps: ServiceDeps;
  voting: VotingService;
  people: PeopleService;
  pipeline: PipelineService;
  /** Adds a platform's notifier (adapters register themselves when they start). */
  addNotifier(notifier: Notifier): void;
  /** What waits on a person: gates met, rounds to close, sign-offs due. */
  agenda(personId: string): Promise<Agenda>;
  /** Where each platform's forums are. */
  forums: ForumChannels;
  /** A platform's own records of one kind, kept as settings under `<platform>:<kind>:<id>`. */
  records(platform: string, kind: string): PlatformRecords;
}

/**
 * Wires the services and the command layer; builds the similarity index from the store, and upgrades
 * stored rounds (see upgradeStoredRounds) before anything can read them.
 */
export async function createPilot(options: {
  store: Store;
  rules: PipelineRules;
  admins?: string[];
  /** Local mode: everyone who uses the bot is an admin and a PM (no accounts anywhere). */
  localMode?: boolean;
  /** Required: the engine never reads the system clock itself, so tests can fix the date. */
  clock: () => Date;
  logger?: Logger;
  documents?: (deps: ServiceDeps) => DocumentFeatures;
  /** The read-only board's links, when the board is set up. */
  board?: BoardFeatures;
  /** The stage artefacts (the built-in ones by default). */
  artefacts?: ArtefactRegistry;
  /** Where the weekly digest is posted besides the PMs' direct messages. */
  committeeChannels?: readonly string[];
}): Promise<Pilot> {
  const notifiers: Notifier[] = [];
  const logger = options.logger ?? silentLogger;
  const similarity = new SimilarityIndex();
  for (const idea of await options.store.listIdeas()) similarity.upsert(idea.id, idea.title, idea.summary);
  const deps: ServiceDeps = {
    store: options.store,
    clock: options.clock,
    rules: options.rules,
    notifier: new FanOutNotifier(notifiers, (error) => logger.error('notifier failed', { err: error })),
    logger,
    similarity,
    artefacts: options.artefacts ?? DEFAULT_ARTEFACTS,
    committeeChannels: options.committeeChannels ?? [],
  };
  // Rounds stored by an earlier release (or left unsealed by a crash) are brought up to SPEC 3.1 first.
  const upgraded = await upgradeStoredRounds(deps);
  if (Object.values(upgraded).some((ids) => ids.length > 0)) logger.info('stored rounds upgraded', { ...upgraded });
  // Files earlier releases kept in settings move to the file port; the purge job removes them once expired.
  const files = await moveSettingsFiles(options.store, options.clock());
  if (files.moved.length + files.dropped.length > 0)
    logger.info('stored files moved out of settings', { moved: files.moved.length, dropped: files.dropped.length });
  await ensurePurgeScheduled(deps);
  await ensureDigestScheduled(deps);
  const people = new PeopleService(options.store, deps.clock, options.admins ?? [], options.localMode ?? false);
  const voting = new VotingService(deps);
  const pipeline = new PipelineService(deps);
  const core = new PilotCore({
    deps,
    pipeline,
    artefacts: new ArtefactService(deps),
    voting,
    people,
    documents: options.documents?.(deps),
    board: options.board,
  });
  return {
    core,
    deps,
    voting,
    people,
    pipeline,
    addNotifier: (n) => notifiers.push(n),
    agenda: (personId) => agendaFor({ deps, people, pipeline }, personId),
    forums: forumChannels(options.store),
    records: (platform, kind) => ({
      get: (id) => options.store.getSetting(`${platform}:${kind}:${id}`),
      put: (id, value) => options.store.putSetting(`${platform}:${kind}:${id}`, value),
    }),
  };
}
