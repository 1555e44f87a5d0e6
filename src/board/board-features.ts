import type { BoardFeatures } from '../bot/core/pilot-services.js';
import { PilotError } from '../domain/pilot-error.js';
import { formatWhen } from '../views/format.js';
import type { BoardAccess } from './board-access.js';

/**
 * The board commands' side of sign-in: links at the bot's address (`PILOT_PUBLIC_URL`, or the local address
 * in local mode). Without a secret or an address, each says plainly what the operator must set.
 */
export function boardFeatures(access: BoardAccess | null, baseUrl: () => string | undefined): BoardFeatures {
  const ready = (): BoardAccess => {
    if (!access)
      throw new PilotError(
        'coming_soon',
        'Board links are switched off here: whoever runs the bot needs to set PILOT_BOARD_SECRET (the same on every copy of the bot).',
      );
    return access;
  };
  return {
    async link(personId, now) {
      const signer = ready();
      const base = baseUrl();
      if (!base)
        throw new PilotError(
          'coming_soon',
          'Board links need the address people reach the bot at: whoever runs the bot needs to set PILOT_PUBLIC_URL.',
        );
      const { token, expiresAt } = await signer.issueLink(personId, now);
      const url = new URL('/board/link', base);
      url.searchParams.set('token', token);
      return { url: url.toString(), expires: formatWhen(expiresAt.toISOString()) };
    },
    async revoke(personId, actorId, now) {
      await ready().revoke(personId, actorId, now);
    },
  };
}
