import type { Role } from '../domain/reference-data.js';
import type { Store } from '../store/store.js';
import { type BoardClaims, BoardTokens } from './board-tokens.js';

/** How long a sign-in link may wait to be used. */
export const LINK_DAYS = 7;
/** How long a board session lasts once the link is used. */
export const SESSION_HOURS = 8;
const HOUR_MS = 3_600_000;

/** What a visitor may see: published ideas only, or also a committee's or staff's view. */
export type BoardScope = 'public' | 'committee' | 'staff';

/** Who is looking at the board. */
export interface BoardViewer {
  scope: BoardScope;
  /** Set for a signed-in visitor. */
  personId?: string;
  /** When the session ends (signed-in visitors). */
  until?: Date;
}

/** The anonymous visitor: published ideas only. */
export const PUBLIC_VIEWER: BoardViewer = { scope: 'public' };

/** The scope a person's roles give: admins and PMs see everything, committee members stage 8 and its packs. */
export function scopeOf(roles: readonly Role[]): BoardScope {
  if (roles.includes('admin') || roles.includes('pm')) return 'staff';
  if (roles.includes('committee')) return 'committee';
  return 'public';
}

/** Why a link did not open a session, in words for the person holding it. */
export type ExchangeRefusal = 'invalid' | 'used' | 'revoked';

interface EpochRecord {
  epoch: number;
  revokedAt?: string;
  revokedBy?: string;
}

const epochKey = (personId: string) => `board:epoch:${personId}`;

/**
 * Board sign-in, over the store so every replica agrees: personal links (valid {@link LINK_DAYS} days,
 * used once), exchanged for sessions (valid {@link SESSION_HOURS} hours); `revoke` ends both for a person.
 */
export class BoardAccess {
  private readonly tokens: BoardTokens;

  constructor(
    private readonly store: Store,
    secret: string,
    private readonly rolesOf: (personId: string) => Promise<Role[]>,
  ) {
    this.tokens = new BoardTokens(secret);
  }

  /** A new sign-in link token for `personId`, and when it expires. */
  async issueLink(personId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(now.getTime() + LINK_DAYS * 24 * HOUR_MS);
    const { token } = this.tokens.sign({
      k: 'link',
      p: personId,
      v: await this.epoch(personId),
      e: expiresAt.getTime(),
    });
    return { token, expiresAt };
  }

  /** Uses a link once: a session token, or why not. */
  async exchange(
    token: string | undefined,
    now: Date,
  ): Promise<{ ok: true; session: string; expiresAt: Date } | { ok: false; why: ExchangeRefusal }> {
    const claims = this.tokens.verify(token, 'link', now);
    if (!claims) return { ok: false, why: 'invalid' };
    if (!(await this.current(claims))) return { ok: false, why: 'revoked' };
    // Atomic in both stores: of two replicas given the same link at once, one wins.
    if (!(await this.store.claimDelivery(`board-link:${claims.n}`, now, claims.e - now.getTime())))
      return { ok: false, why: 'used' };
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * HOUR_MS);
    const { token: session } = this.tokens.sign({ k: 'session', p: claims.p, v: claims.v, e: expiresAt.getTime() });
    return { ok: true, session, expiresAt };
  }

  /** The viewer a session cookie stands for: the public view when it is missing, expired, forged or revoked. */
  async viewer(session: string | undefined, now: Date): Promise<BoardViewer> {
    const claims = this.tokens.verify(session, 'session', now);
    if (!claims || !(await this.current(claims))) return PUBLIC_VIEWER;
    return { scope: scopeOf(await this.rolesOf(claims.p)), personId: claims.p, until: new Date(claims.e) };
  }

  /** Ends every link and session `personId` holds (on every replica: the epoch is in the store). */
  async revoke(personId: string, actorId: string, now: Date): Promise<void> {
    const next: EpochRecord = {
      epoch: (await this.epoch(personId)) + 1,
      revokedAt: now.toISOString(),
      revokedBy: actorId,
    };
    await this.store.putSetting(epochKey(personId), next);
    await this.store.appendAudit({
      type: 'board.revoked',
      at: now.toISOString(),
      actorId,
      detail: { personId },
    });
  }

  private async epoch(personId: string): Promise<number> {
    return (await this.store.getSetting<EpochRecord>(epochKey(personId)))?.epoch ?? 0;
  }

  private async current(claims: BoardClaims): Promise<boolean> {
    return claims.v === (await this.epoch(claims.p));
  }
}
