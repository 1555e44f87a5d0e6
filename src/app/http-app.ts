import express, { type Express } from 'express';
import type { Store } from '../store/store.js';

/** The one HTTP app: health endpoints here, platform endpoints mounted by the adapters. */
export function createHttpApp(store: Store): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.json({ ok: true, store: 'reachable' });
    } catch (error) {
      res.status(503).json({ ok: false, store: 'unreachable', message: (error as Error).message });
    }
  });
  return app;
}
