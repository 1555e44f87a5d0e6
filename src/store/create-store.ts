import { EmbeddedStore } from './embedded-store.js';
import type { Store } from './store.js';

/**
 * Connects to MongoDB when `mongodbUri` is set (non-blank), else opens the embedded store in `dataDir`.
 * The MongoDB driver is imported only when it is used (about 20 MB a process without it need not carry).
 */
export async function createStore(settings: { mongodbUri?: string; dataDir: string }): Promise<Store> {
  const uri = settings.mongodbUri?.trim();
  if (!uri) return EmbeddedStore.open(settings.dataDir);
  const { MongoStore } = await import('./mongo-store.js');
  return MongoStore.connect(uri);
}
