import { type AuthConfiguration, authorizeJWT, getAuthConfigWithDefaults } from '@microsoft/agents-hosting';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { MountAdapter, MountContext, PlatformAdapter } from '../../app/platform-adapter.js';
import { FileLinks } from './file-links.js';
import { botIdentity } from './proactive.js';
import { DEFAULT_RETRY, RetryingCloudAdapter, type RetryPolicy } from './retrying-adapter.js';
import { createTeamsAgent } from './teams-agent.js';
import { TeamsNotifier } from './teams-notifier.js';

/** The Teams endpoint (the messaging endpoint registered with Azure Bot Service). */
export const TEAMS_PATH = '/api/messages';

/** Builds the Teams mount with a given retry policy (tests shorten the backoff). */
export function createMountTeams(options: { retry?: RetryPolicy } = {}): MountAdapter {
  return async (context) => mount(context, options.retry ?? DEFAULT_RETRY);
}

/**
 * Teams on the Microsoft 365 Agents SDK (the successor of botbuilder) at `POST /api/messages`.
 * With `clientId` set, every request's JWT is checked by the SDK; without it, and outside
 * production, the endpoint is open for local use (the Agents Playground).
 */
export const mountTeams: MountAdapter = createMountTeams();

async function mount(context: MountContext, retry: RetryPolicy): Promise<PlatformAdapter | null> {
  const { app, pilot, settings, logger } = context;
  const clientId = settings.teams.clientId;
  if (settings.production && !clientId) {
    logger.warn(
      'Teams is off: set clientId (with clientSecret and tenantId) from the bot’s Entra app registration to run in Teams.',
    );
    return null;
  }
  // The SDK reads clientSecret, tenantId and the rest from the environment; the client id comes from our validated settings.
  const authConfig: AuthConfiguration = getAuthConfigWithDefaults(clientId ? { clientId } : {});
  const adapter = new RetryingCloudAdapter(authConfig);
  adapter.retryPolicy = retry;
  const publicUrl = settings.publicUrl ?? (context.localMode ? `http://localhost:${settings.port}` : undefined);
  const deps = { pilot, logger, files: new FileLinks(pilot.deps.store, publicUrl, pilot.deps.clock) };
  const agent = createTeamsAgent(adapter, deps);
  // As createAgentRequestHandler does (JWT check, then the adapter), with the body checked in between
  // so a malformed activity gets a 400 that says what is wrong, and only after authentication.
  const jwt = authorizeJWT(authConfig) as unknown as (req: Request, res: Response, next: NextFunction) => Promise<void>;
  app.post(TEAMS_PATH, express.json({ limit: '1mb' }), jwt, async (req: Request, res: Response) => {
    const problem = checkActivity(req.body);
    if (problem) {
      res.status(400).json({ ok: false, message: problem });
      return;
    }
    try {
      await adapter.process(req as never, res as never, (ctx) => agent.run(ctx));
    } catch (error) {
      logger.warn('Teams request could not be processed', { error: String(error) });
      if (!res.headersSent) res.status(400).json({ ok: false, message: 'The activity could not be processed.' });
    }
  });
  app.use(TEAMS_PATH, (error: Error & { status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    res
      .status(error.status && error.status < 500 ? error.status : 400)
      .json({ ok: false, message: 'The request body must be a Bot Framework activity in JSON.' });
  });
  deps.files.mount(app);
  logger.info('Teams endpoint ready', { path: TEAMS_PATH, auth: clientId ? 'JWT (clientId set)' : 'off (local use)' });
  const notifier = new TeamsNotifier(deps, adapter, botIdentity(clientId));
  return { name: 'teams', notifier, close: () => notifier.idle() };
}

/** Says what is wrong with a body that is not an activity the bot can answer, or null when it is fine. */
function checkActivity(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return 'The request body must be a Bot Framework activity in JSON.';
  const activity = body as { type?: unknown; conversation?: { id?: unknown }; serviceUrl?: unknown };
  if (typeof activity.type !== 'string' || !activity.type) return 'The activity has no type.';
  if (typeof activity.conversation?.id !== 'string' || !activity.conversation.id)
    return 'The activity has no conversation id.';
  if (typeof activity.serviceUrl !== 'string' || !/^https?:\/\//.test(activity.serviceUrl))
    return 'The activity has no serviceUrl to answer to.';
  return null;
}
