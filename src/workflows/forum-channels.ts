import type { Store } from '../store/store.js';

/** The two forums rounds are posted in. */
export const FORUMS = ['experts', 'providers'] as const;
export type Forum = (typeof FORUMS)[number];

/** Where each platform's forums are: the one typed way to read or set them (adapters read, admins set). */
export interface ForumChannels {
  /** The channel (platform-qualified, e.g. `slack:C1`) of a forum on a platform, or null when not set. */
  get(forum: Forum, platform: string): Promise<string | null>;
  /** Every forum channel set on a platform (the two may be one channel). */
  all(platform: string): Promise<string[]>;
  set(forum: Forum, platform: string, channel: string): Promise<void>;
}

/** Forum channels kept as settings (`forum:<forum>:<platform>`, the keys release 0.1 wrote). */
export function forumChannels(store: Pick<Store, 'getSetting' | 'putSetting'>): ForumChannels {
  const key = (forum: Forum, platform: string) => `forum:${forum}:${platform}`;
  const get = async (forum: Forum, platform: string) => {
    const channel = await store.getSetting<unknown>(key(forum, platform));
    return typeof channel === 'string' ? channel : null;
  };
  return {
    get,
    async all(platform) {
      const channels = await Promise.all(FORUMS.map((forum) => get(forum, platform)));
      return [...new Set(channels.filter((c): c is string => c !== null))];
    },
    set: (forum, platform, channel) => store.putSetting(key(forum, platform), channel),
  };
}
