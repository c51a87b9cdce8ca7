import { SignJWT } from 'jose';
import type { ServiceName } from '../config/services';
import type { ServiceKeys } from './service-keys';

/**
 * The header a Carebook process sends its service token in: the gateway on
 * every subgraph /graphql request (beside the user's Authorization), a
 * service on every /internal call. Authorization only ever carries a user's
 * access token.
 */
export const CALLER_HEADER = 'x-carebook-caller';

export const SERVICE_TOKEN_ISSUER = 'carebook-services';
export const SERVICE_TOKEN_ALGORITHM = 'EdDSA';
/** The longest a service token lives; verifiers refuse tokens made to live longer. */
export const SERVICE_TOKEN_LIFETIME_SECONDS = 60;

/** A service token for calls to `target`, signed by this process's service. */
export type ServiceTokenSource = (target: ServiceName) => Promise<string>;

/**
 * Mints the short-lived tokens a service sends with its calls: `sub` and
 * `kid` name the caller, `aud` the one service the token is for. A token
 * is reused for its target until it has less than half its life left.
 */
export function createServiceTokenSource(keys: ServiceKeys): ServiceTokenSource {
  const cached = new Map<ServiceName, { token: string; renewAt: number }>();
  return async (target) => {
    const now = Date.now();
    const known = cached.get(target);
    if (known && known.renewAt > now) return known.token;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: SERVICE_TOKEN_ALGORITHM, kid: keys.self, typ: 'JWT' })
      .setSubject(keys.self)
      .setAudience(target)
      .setIssuer(SERVICE_TOKEN_ISSUER)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + SERVICE_TOKEN_LIFETIME_SECONDS)
      .sign(keys.privateKey);
    cached.set(target, { token, renewAt: now + (SERVICE_TOKEN_LIFETIME_SECONDS * 1000) / 2 });
    return token;
  };
}
