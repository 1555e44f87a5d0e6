import { type AuthConfiguration, authorizeJWT, getAuthConfigWithDefaults } from '@microsoft/agents-hosting';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { MountAdapter, MountContext, PlatformAdapter } from '../../ports/platform-adapter.js';
import { checkActivity, type TeamsAuth } from './activity-gate.js';
import { AUTH_LABEL, teamsAuth } from './teams-auth.js';
import { FileLinks } from './file-links.js';
import { botIdentity } from './proactive.js';
import { DEFAULT_RETRY, RetryingCloudAdapter, type RetryPolicy } from './retrying-adapter.js';
import { createTeamsAgent } from './teams-agent.js';
import { TeamsNotifier } from './teams-notifier.js';
import { setTurnLogger, teamsRequestId } from './turn-logger.js';

/** The Teams endpoint (the messaging endpoint registered with Azure Bot Service). */
export const TEAMS_PATH = '/api/messages';

/** Builds the Teams mount with a given retry policy (tests shorten the backoff). */
export function createMountTeams(options: { retry?: RetryPolicy } = {}): MountAdapter {
  return async (context) => {
    const auth = teamsAuth(context);
    return auth ? mountTeamsWith(context, auth, options.retry ?? DEFAULT_RETRY) : null;
  };
}

/**
 * Teams on the Microsoft 365 Agents SDK (the successor of botbuilder) at `POST /api/messages`.
 * With `clientId` set, every request's JWT is checked by the SDK. Without it the endpoint is only
 * served in local mode or with PILOT_TEAMS_AUTH=off (testing), and then only answers to this machine.
 */
export const mountTeams: MountAdapter = createMountTeams();

/** Mounts Teams with the authentication {@link teamsAuth} chose (the app's lazy mount decides first, without the SDK). */
export async function mountTeamsWith(
  context: MountContext,
  auth: TeamsAuth,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<PlatformAdapter> {
  const { app, pilot, settings, logger } = context;
  const { clientId, tenantId } = settings.teams;
  // The SDK reads clientSecret and the rest from the environment; the ids come from our validated settings.
  const authConfig: AuthConfiguration = getAuthConfigWithDefaults(
    clientId ? { clientId, ...(tenantId ? { tenantId } : {}) } : {},
  );
  const adapter = new RetryingCloudAdapter(authConfig);
  adapter.retryPolicy = retry;
  const publicUrl = settings.publicUrl ?? (context.localMode ? `http://127.0.0.1:${settings.port}` : undefined);
  const deps = {
    pilot,
    logger,
    files: new FileLinks(pilot.deps.store, publicUrl, pilot.deps.clock),
    localMode: auth === 'local',
  };
  const agent = createTeamsAgent(adapter, deps);
  // As createAgentRequestHandler does (JWT check, then the adapter), with the body checked in between
  // so a malformed activity gets a 400 that says what is wrong, and only after authentication.
  const jwt = authorizeJWT(authConfig) as unknown as (req: Request, res: Response, next: NextFunction) => Promise<void>;
  app.post(TEAMS_PATH, express.json({ limit: '1mb' }), jwt, async (req: Request, res: Response) => {
    // Every line about this activity, here and in its turn's handlers, carries its request id.
    const log = logger.child({ requestId: teamsRequestId(req.body) });
    const refusal = checkActivity(req.body, auth, tenantId);
    if (refusal) {
      if (refusal.status === 403) log.warn('Teams activity refused', { reason: refusal.reason, ...about(req.body) });
      res.status(refusal.status).json({ ok: false, message: refusal.message });
      return;
    }
    try {
      await adapter.process(req as never, res as never, (ctx) => {
        setTurnLogger(ctx, log);
        return agent.run(ctx);
      });
    } catch (error) {
      log.warn('Teams request could not be processed', { err: error });
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
  logger.info('Teams endpoint ready', { path: TEAMS_PATH, auth: AUTH_LABEL[auth] });
  const notifier = new TeamsNotifier(deps, adapter, botIdentity(clientId));
  return { name: 'teams', notifier, close: () => notifier.idle() };
}

/** What the log may say about a refused body (no message text). */
function about(body: unknown): Record<string, unknown> {
  const a = (body ?? {}) as { type?: unknown; channelId?: unknown; serviceUrl?: unknown; id?: unknown };
  const clip = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : undefined);
  return { type: clip(a.type), channelId: clip(a.channelId), serviceUrl: clip(a.serviceUrl), activityId: clip(a.id) };
}
