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

export async function signAccessToken(settings: AccessTokenSettings, user: { id: string; role: Role }): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT({ role: user.role })
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
