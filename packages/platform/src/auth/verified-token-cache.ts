import type { Principal } from './role';
import { tokenExpiryMs } from './token-expiry';

/**
 * Tokens this process has verified, kept until they expire. One client
 * request reaches several services, and each verified the same signature
 * (an ES256 verification costs a noticeable share of a small request's CPU);
 * a token's claims cannot change, so a verified token stays verified until
 * its exp, which is checked on every hit. Whether its user's tokens were
 * revoked meanwhile can change: the verifier asks that on every use, hit or
 * not (createTokenVerifier's revocation check), so a remembered token is
 * refused as soon as it is revoked. Bounded: the oldest entry goes when
 * `limit` is reached (a Map iterates in insertion order).
 */
export class VerifiedTokenCache<P = Principal> {
  private readonly entries = new Map<string, { principal: P; expiresAtMs: number }>();

  constructor(private readonly limit = 10_000) {}

  /** Who a verified, unexpired token names; undefined otherwise (verify it then). */
  get(token: string, now = Date.now()): P | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (now >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers a token that was just verified (its exp read from the token itself). */
  remember(token: string, principal: P): void {
    const expiresAtMs = tokenExpiryMs(token);
    if (expiresAtMs === undefined) return;
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { principal, expiresAtMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
