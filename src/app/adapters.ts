import type { MountAdapter } from './platform-adapter.js';

/** The chat platforms the bot can run on; each mounts itself when its settings are present. */
export const ADAPTERS: MountAdapter[] = [];
