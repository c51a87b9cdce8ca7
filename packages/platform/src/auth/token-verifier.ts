import { createRemoteJWKSet, errors, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Unauthenticated } from '../errors/app-errors';
import type { RevocationCheck } from './revocation-feed';
import { Principal, Role } from './role';
import { VerifiedTokenCache } from './verified-token-cache';

/** Access tokens are signed by the auth service with ES256; nothing else is accepted. */
export const ACCESS_TOKEN_ALGORITHMS = ['ES256'];

export interface TokenVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export interface TokenVerifier {
  /** Verifies a bearer token; throws UNAUTHENTICATED with a reason a person can act on. */
  verify(token: string): Promise<Principal>;
}

function explain(error: unknown): Unauthenticated {
  if (error instanceof errors.JWTExpired)
    return new Unauthenticated('Your access token has expired; refresh your session or sign in again.');
  if (error instanceof errors.JWTClaimValidationFailed)
    return new Unauthenticated(`Your access token is not valid here (${error.claim} claim); sign in again.`);
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new Unauthenticated('Your access token is signed with an algorithm we do not accept; sign in again.');
  if (error instanceof Unauthenticated) return error;
  return new Unauthenticated('Your access token is not valid; sign in again.');
}

/**
 * Verifies user access tokens the way every Carebook process must: against
 * the auth service's JWKS (fetched and cached by jose), with the algorithm
 * pinned and exp, iss, aud and sub required. Nothing else is a principal:
 * service tokens are checked apart, by the service-token verifier, and
 * never turn into one. A token verified once is remembered until it
 * expires (VerifiedTokenCache). With `revocations`, a user's token is
 * checked against them on every use, remembered or not: a revoked token is
 * refused from that moment.
 */
export function createTokenVerifier(
  options: TokenVerifierOptions,
  keySet?: JWTVerifyGetKey,
  revocations?: RevocationCheck,
): TokenVerifier {
  const jwks =
    keySet ?? createRemoteJWKSet(new URL(options.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });

  async function verifyAccessToken(token: string): Promise<Principal> {
    const { payload } = await jwtVerify(token, jwks, {
      algorithms: ACCESS_TOKEN_ALGORITHMS,
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['exp', 'sub', 'iss', 'aud'],
    });
    const role = payload.role;
    // Not `role in Role`: that also holds for "toString", "constructor" and the rest of Object.prototype.
    if (!(Object.values(Role) as unknown[]).includes(role))
      throw new Unauthenticated('Your access token carries no valid role; sign in again.');
    return { kind: 'user', userId: String(payload.sub), role: role as Role, token, issuedAtMs: issuedAtMsOf(payload) };
  }

  const admit = (principal: Principal): Principal => {
    revocations?.assertCurrent(principal);
    return principal;
  };

  const verified = new VerifiedTokenCache();
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return admit(known);
      let principal: Principal;
      try {
        principal = await verifyAccessToken(token);
      } catch (error) {
        throw explain(error);
      }
      verified.remember(token, principal);
      return admit(principal);
    },
  };
}

/** When a verified token was issued, in ms: auth's `iat_ms` claim (`iat` has whole seconds only), else `iat`, else never. */
function issuedAtMsOf(payload: { iat?: number; iat_ms?: unknown }): number {
  if (typeof payload.iat_ms === 'number' && Number.isFinite(payload.iat_ms)) return payload.iat_ms;
  return typeof payload.iat === 'number' ? payload.iat * 1000 : 0;
}

/** Extracts the token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  if (!match) throw new Unauthenticated('The Authorization header must read "Bearer <access token>".');
  return match[1];
}
