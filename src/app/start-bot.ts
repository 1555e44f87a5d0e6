import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSettings, type Settings, SettingsError } from '../config/settings.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { warmUpCaseRendering } from '../templates/render-case.js';
import { loadTemplates, type TemplateSet } from '../templates/template-set.js';
import type { Logger } from '../workflows/deps.js';
import { forumChannels } from '../workflows/forum-channels.js';
import { startScheduler } from '../workflows/scheduler.js';
import { BoardAccess } from '../board/board-access.js';
import { boardFeatures } from '../board/board-features.js';
import { mountBoard } from '../board/mount-board.js';
import { ADAPTERS } from './adapters.js';
import { createPilot, type Pilot } from './create-pilot.js';
import { loadDemoData } from './demo-data.js';
import { caseRenderer, documentFeatures } from './document-features.js';
import { createHttpApp } from './http-app.js';
import { createLogger, secretsIn } from './logger.js';
import type { MountAdapter, PlatformAdapter } from '../ports/platform-adapter.js';

/** A started bot: its address, engine and settings, and how to stop it cleanly. */
export interface RunningBot {
  url: string;
  port: number;
  pilot: Pilot;
  settings: Settings;
  store: Store;
  adapters: PlatformAdapter[];
  localMode: boolean;
  /** True once {@link RunningBot.close} has been called (`/readyz` then answers 503). */
  readonly shuttingDown: boolean;
  /**
   * Stops cleanly within `settings.shutdownSeconds` (PILOT_SHUTDOWN_SECONDS): stops accepting connections,
   * lets requests in flight, their work after acknowledging, and message updates finish, abandons whatever is
   * still running at the deadline, then closes the store. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/** Starts the whole bot: settings, store, engine, HTTP server, chat adapters and scheduler. */
export async function startBot(options: {
  env?: NodeJS.ProcessEnv;
  /** Required: `main.ts` passes the system clock, tests a simulated one. */
  clock: () => Date;
  /** A logger of the caller's own; by default the bot's JSON-lines logger (see {@link createLogger}). */
  logger?: Logger;
  /** Where the default logger writes its lines (stderr unless given; tests capture them). */
  logDestination?: { write(line: string): void };
  adapters?: MountAdapter[];
  scheduler?: boolean;
  documents?: Parameters<typeof createPilot>[0]['documents'];
}): Promise<RunningBot> {
  const env = options.env ?? process.env;
  const settings = loadSettings(env);
  const logger =
    options.logger ??
    createLogger({ level: settings.logLevel, destination: options.logDestination, secrets: secretsIn(env) });
  const localMode = !settings.production && !settings.slack && !settings.teams.clientId;
  const templates = loadCouncilTemplates(settings.templateDir);
  void warmUpCaseRendering(templates).catch(() => {});
  const store = await createStore({ mongodbUri: settings.mongodbUri, dataDir: settings.dataDir });
  try {
    // Local mode is one process on the loopback address: a secret of its own will do (links end at restart).
    const boardSecret = settings.boardSecret ?? (localMode ? randomBytes(32).toString('hex') : undefined);
    if (!boardSecret)
      logger.warn('PILOT_BOARD_SECRET is not set: board links are switched off (published ideas are still shown)');
    // Roles are read through the engine built just below (sessions are only checked once requests arrive).
    const late: { pilot?: Pilot } = {};
    const boardAccess = boardSecret
      ? new BoardAccess(store, boardSecret, async (id) => (late.pilot ? late.pilot.people.rolesOf(id) : []))
      : null;
    let localUrl: string | undefined;
    const pilot = await createPilot({
      store,
      rules: settings.rules,
      admins: settings.admins,
      committeeChannels: settings.committeeChannels,
      clock: options.clock,
      logger,
      localMode,
      documents: options.documents ?? documentFeatures(templates),
      board: boardFeatures(boardAccess, () => settings.publicUrl ?? localUrl),
    });
    late.pilot = pilot;
    await seedForums(store, settings);
    if (settings.demoData && localMode) {
      const loaded = await loadDemoData(store, pilot.pipeline, pilot.deps.clock);
      if (loaded > 0) logger.info('demo pipeline loaded', { ideas: loaded });
    }
    let closing: Promise<void> | null = null;
    const app = createHttpApp(store, logger, () => closing !== null);
    const adapters: PlatformAdapter[] = [];
    for (const mount of options.adapters ?? ADAPTERS) {
      const adapter = await mount({ app, pilot, settings, logger, localMode });
      if (adapter) {
        adapters.push(adapter);
        pilot.addNotifier(adapter.notifier);
      }
    }
    mountBoard(app, {
      deps: pilot.deps,
      access: boardAccess,
      renderer: caseRenderer(templates),
      secureCookie: settings.publicUrl?.startsWith('https:') ?? false,
    });
    app.use((_req, res) => {
      res.status(404).json({ ok: false, message: 'Not found' });
    });
    const server = await listen(app, settings.port, localMode);
    const port = (server.address() as AddressInfo).port;
    if (localMode) localUrl = `http://127.0.0.1:${port}`;
    const scheduler = options.scheduler === false ? null : startScheduler(pilot.deps, pilot.voting);
    const shutdown = async (): Promise<void> => {
      const deadlineMs = settings.shutdownSeconds * 1000;
      const started = Date.now();
      logger.info('shutting down', { deadlineSeconds: settings.shutdownSeconds });
      // No new connections; idle keep-alive ones end now, busy ones after their answer (it says `connection: close`).
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = Promise.all([
        scheduler?.stop(),
        // Adapters wait for their requests' work and message updates; a failing one must not hold up the others.
        stopped.then(() => Promise.all(adapters.map((a) => a.close().catch(() => {})))),
      ]).then(() => true);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
      const inTime = await Promise.race([drained, deadline]);
      clearTimeout(timer);
      if (!inTime)
        logger.warn('shutdown deadline passed: in-flight work abandoned (set PILOT_SHUTDOWN_SECONDS to wait longer)', {
          deadlineSeconds: settings.shutdownSeconds,
        });
      server.closeAllConnections();
      await store.close().catch((error: unknown) => logger.error('store did not close cleanly', { err: error }));
      logger.info('shut down', { ms: Date.now() - started, inTime });
    };
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      pilot,
      settings,
      store,
      adapters,
      localMode,
      get shuttingDown() {
        return closing !== null;
      },
      close: () => (closing ??= shutdown()),
    };
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
}

async function seedForums(store: Store, settings: Settings): Promise<void> {
  const forums = forumChannels(store);
  if (settings.forums.experts) await forums.set('experts', 'slack', settings.forums.experts);
  if (settings.forums.providers) await forums.set('providers', 'slack', settings.forums.providers);
}

function loadCouncilTemplates(dir: string | undefined): TemplateSet {
  try {
    return loadTemplates(dir);
  } catch (error) {
    throw new SettingsError(`PILOT_TEMPLATE_DIR: ${(error as Error).message}`);
  }
}

/**
 * Serves the app on `port`. Local mode answers without any sign-in, so it listens on the loopback
 * address only; otherwise on every interface (a proxy or platform forwards to it).
 */
function listen(app: ReturnType<typeof createHttpApp>, port: number, localMode: boolean): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, localMode ? '127.0.0.1' : '0.0.0.0');
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already in use: stop the other process or set PORT to a free port.`)
          : error,
      );
    });
  });
}
