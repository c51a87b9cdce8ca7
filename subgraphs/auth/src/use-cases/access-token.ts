import type { Role } from '@carebook/platform';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { SigningKey, SIGNING_ALGORITHM } from './signing-keys';

export interface AccessTokenSettings {
  key: SigningKey;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/**
 * Signs an access token. Besides `iat` (whole seconds) it carries `iat_ms`:
 * revocations void the tokens issued before a moment, and a sign-in right
 * after a role change, in the same second, must not be voided with them.
 */
export async function signAccessToken(
  settings: AccessTokenSettings,
  user: { id: string; role: Role },
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAtMs = Date.now();
  const issuedAt = Math.floor(issuedAtMs / 1000);
  const expiresAt = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT({ role: user.role, iat_ms: issuedAtMs })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: settings.key.kid, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(settings.key.privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}
