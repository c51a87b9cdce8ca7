import { createSecretKey, KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

export const SERVICE_TOKEN_ISSUER = 'carebook-services';
export const SERVICE_TOKEN_AUDIENCE = 'carebook-internal';
const LIFETIME_SECONDS = 60;

export function serviceKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

/**
 * Mints short-lived tokens a service sends with its calls to other services.
 * A token is reused until it has less than half its life left.
 */
export function createServiceTokenSource(service: string, secret: string): () => Promise<string> {
  const key = serviceKey(secret);
  let cached: { token: string; renewAt: number } | undefined;
  return async () => {
    const now = Date.now();
    if (cached && cached.renewAt > now) return cached.token;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(service)
      .setIssuer(SERVICE_TOKEN_ISSUER)
      .setAudience(SERVICE_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(key);
    cached = { token, renewAt: now + (LIFETIME_SECONDS * 1000) / 2 };
    return token;
  };
}
