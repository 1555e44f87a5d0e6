import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import type { Store } from '../store/store.js';
import type { Logger } from '../workflows/deps.js';

/**
 * The one HTTP app: health endpoints here, platform endpoints mounted by the adapters. Whatever no
 * route answers ends in {@link answerUnhandled}: a short JSON answer, never a stack trace.
 *
 * `/healthz` is cheap (the process is up and answering); `/readyz` says whether to send it work: 503
 * while the store is unreachable or once `shuttingDown()` is true. During a shutdown every answer also
 * closes its connection, so keep-alive clients move to another replica.
 */
export function createHttpApp(store: Store, logger: Logger, shuttingDown: () => boolean = () => false): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    if (shuttingDown()) res.setHeader('connection', 'close');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown()) return void res.status(503).json({ ok: false, shuttingDown: true });
    try {
      await store.ping();
      res.json({ ok: true, store: 'reachable' });
    } catch (error) {
      // The store's message may name hosts or paths: it goes to the operator's log, not to whoever asked.
      logger.warn('readiness check: the store is unreachable', { err: error });
      res.status(503).json({ ok: false, store: 'unreachable' });
    }
  });
  // Express ends a request no route answered (or an error no route handled) with its own final handler, which
  // outside production sends an HTML page with the stack trace. The adapters mount their routes after this runs,
  // so an error middleware added here would come too early: the app's final callback is replaced instead.
  // https://expressjs.com/en/guide/error-handling.html#the-default-error-handler
  const routed = app as unknown as { handle: ExpressHandle };
  const handle = routed.handle.bind(app);
  routed.handle = (req, res, next) =>
    handle(req, res, next ?? ((error?: unknown) => answerUnhandled(error, req, res, logger)));
  return app;
}

type ExpressHandle = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/** Messages for client errors Express's body parsers raise (the error's own message may name internals). */
const CLIENT_ERRORS: Record<number, string> = {
  400: 'The request could not be read.',
  413: 'The request body is too large.',
  415: 'The request body’s encoding or character set is not supported.',
};

/**
 * Answers a request that no route answered: 404 without an error, the error's 4xx status with a short
 * message, or 500 (logged with its stack for the operator). The answer never carries the error's details.
 */
export function answerUnhandled(error: unknown, req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  const status = statusOf(error);
  if (status >= 500)
    logger.error('HTTP request failed', {
      method: req.method,
      path: (req.url ?? '').split('?')[0],
      err: error,
    });
  if (res.headersSent) return void req.socket.destroy();
  const message =
    error === undefined
      ? 'Not found'
      : status >= 500
        ? 'Something went wrong on our side; it has been logged.'
        : (CLIENT_ERRORS[status] ?? 'The request could not be handled.');
  req.resume();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ ok: false, message }));
}

function statusOf(error: unknown): number {
  if (error === undefined) return 404;
  const { status, statusCode } = (error ?? {}) as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 500;
  return code >= 400 && code < 600 ? code : 500;
}
