import { EmbeddedStore } from './embedded-store.js';
import { MongoStore } from './mongo-store.js';
import type { Store } from './store.js';

/** Connects to MongoDB when `mongodbUri` is set (non-blank), else opens the embedded store in `dataDir`. */
export async function createStore(settings: { mongodbUri?: string; dataDir: string }): Promise<Store> {
  const uri = settings.mongodbUri?.trim();
  return uri ? MongoStore.connect(uri) : EmbeddedStore.open(settings.dataDir);
}
