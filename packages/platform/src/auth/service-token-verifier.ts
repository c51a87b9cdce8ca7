import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { ServiceName } from '../config/services';
import { Unauthenticated } from '../errors/app-errors';
import type { ServiceKeys } from './service-keys';
import { SERVICE_TOKEN_ALGORITHM, SERVICE_TOKEN_ISSUER, SERVICE_TOKEN_LIFETIME_SECONDS } from './service-token';
import { VerifiedTokenCache } from './verified-token-cache';

/** Clocks of two machines may differ by this much (seconds). */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface ServiceTokenVerifier {
  /** The service this process is: the audience every token it accepts must name. */
  self: ServiceName;
  /** The calling service a token proves; UNAUTHENTICATED with the reason otherwise. */
  verify(token: string): Promise<ServiceName>;
}

function explain(error: unknown): Unauthenticated {
  if (error instanceof Unauthenticated) return error;
  if (error instanceof errors.JWTExpired)
    return new Unauthenticated('The caller token has expired; the calling service mints a new one for each minute.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return new Unauthenticated(
        'The caller token was made for another service (aud claim); each token is for one target.',
      );
    return new Unauthenticated(`The caller token is not valid here (${error.claim} claim).`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new Unauthenticated('The caller token is not signed with the key of the service it names.');
  return new Unauthenticated('The caller token is not a valid Carebook service token.');
}

/**
 * Verifies the service tokens of callers: EdDSA only, signed with the
 * public key of the service the token names (sub = kid), for this service
 * (aud), from Carebook's service issuer, living at most a minute. A token
 * verified once is remembered until it expires.
 */
export function createServiceTokenVerifier(keys: ServiceKeys): ServiceTokenVerifier {
  const verified = new VerifiedTokenCache<ServiceName>();

  async function callerOf(token: string): Promise<ServiceName> {
    const header = decodeProtectedHeader(token);
    if (header.alg !== SERVICE_TOKEN_ALGORITHM)
      throw new Unauthenticated(
        `The caller token is signed with ${String(header.alg)}; service tokens are ${SERVICE_TOKEN_ALGORITHM}.`,
      );
    const caller = decodeJwt(token).sub;
    if (typeof caller !== 'string' || header.kid !== caller)
      throw new Unauthenticated('The caller token must name its service in both sub and kid.');
    const key = keys.publicKeyOf(caller);
    if (!key) throw new Unauthenticated(`The caller token names "${caller}", which is no Carebook service known here.`);
    const { payload } = await jwtVerify(token, key, {
      algorithms: [SERVICE_TOKEN_ALGORITHM],
      issuer: SERVICE_TOKEN_ISSUER,
      audience: keys.self,
      requiredClaims: ['exp', 'iat', 'sub', 'aud', 'iss'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    // Whoever holds a key could mint a long-lived token; a stolen one is then worth a minute at most.
    const lifetime = payload.exp! - payload.iat!;
    const left = payload.exp! - Date.now() / 1000;
    if (lifetime > SERVICE_TOKEN_LIFETIME_SECONDS || left > SERVICE_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
      throw new Unauthenticated(
        `The caller token lives longer than service tokens may (${SERVICE_TOKEN_LIFETIME_SECONDS} s).`,
      );
    }
    return caller as ServiceName;
  }

  return {
    self: keys.self,
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      try {
        const caller = await callerOf(token);
        verified.remember(token, caller);
        return caller;
      } catch (error) {
        throw explain(error);
      }
    },
  };
}
