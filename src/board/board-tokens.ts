import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a board token is for: a sign-in link (used once) or a browser session. */
export type BoardTokenKind = 'link' | 'session';

/** The signed contents of a board token. */
export const boardClaimsSchema = z.object({
  /** The kind, so a link can never be used as a session or the other way round. */
  k: z.enum(['link', 'session']),
  /** The person it was made for (`slack:U1`, `teams:…`, `person:P-1`). */
  p: z.string().min(3).max(200),
  /** The person's board epoch when it was made: `board revoke` moves it on, so older tokens stop working. */
  v: z.number().int().nonnegative(),
  /** Expiry, milliseconds since 1970. */
  e: z.number().int().positive(),
  /** A random id: a link is claimed under it, once. */
  n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
export type BoardClaims = z.infer<typeof boardClaimsSchema>;

/** Signs and checks board tokens with `PILOT_BOARD_SECRET` (HMAC-SHA256), so every replica accepts the others'. */
export class BoardTokens {
  constructor(private readonly secret: string) {}

  /** A fresh token for `claims` without its nonce. */
  sign(claims: Omit<BoardClaims, 'n'>): { token: string; claims: BoardClaims } {
    const full: BoardClaims = { ...claims, n: randomBytes(18).toString('base64url') };
    const body = Buffer.from(JSON.stringify(full)).toString('base64url');
    return { token: `${body}.${this.mac(full.k, body)}`, claims: full };
  }

  /**
   * The claims of a well-signed token of `kind` that has not expired at `now`, or null. Says nothing about
   * revocation or single use: {@link BoardAccess} checks those against the store.
   */
  verify(token: string | undefined, kind: BoardTokenKind, now: Date): BoardClaims | null {
    if (!token || token.length > 1024) return null;
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(kind, body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const claims = boardClaimsSchema.safeParse(json);
    if (!claims.success || claims.data.k !== kind || claims.data.e <= now.getTime()) return null;
    return claims.data;
  }

  private mac(kind: BoardTokenKind, body: string): string {
    // The kind is in the signed input too: a link's signature never validates a session.
    return createHmac('sha256', this.secret).update(`pilot-board.${kind}.${body}`).digest('base64url');
  }
}
