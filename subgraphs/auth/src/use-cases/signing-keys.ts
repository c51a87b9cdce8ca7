import { ConfigError } from '@carebook/platform';
import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuthConfig } from '../config';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export const SIGNING_ALGORITHM = 'ES256';

async function fromJwk(jwk: JWK): Promise<SigningKey> {
  if (!jwk.kid || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
    throw new ConfigError([
      'AUTH_SIGNING_KEY: must be a private EC P-256 JWK with a "kid" (see .env.example for how to make one)',
    ]);
  }
  const privateKey = (await importJWK(jwk, SIGNING_ALGORITHM)) as KeyLike;
  const { d, ...publicJwk } = jwk;
  return { kid: jwk.kid, privateKey, publicJwk: { ...publicJwk, alg: SIGNING_ALGORITHM, use: 'sig' } };
}

export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  return {
    ...(await exportJWK(privateKey)),
    kid: `carebook-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

/**
 * The key access tokens are signed with. In production it must come from
 * AUTH_SIGNING_KEY; in development it is generated once and kept in
 * AUTH_KEY_FILE so tokens survive restarts.
 */
export async function loadSigningKey(config: AuthConfig): Promise<SigningKey> {
  const { AUTH_SIGNING_KEY, AUTH_KEY_FILE } = config.extra;
  if (AUTH_SIGNING_KEY) {
    let jwk: JWK;
    try {
      jwk = JSON.parse(AUTH_SIGNING_KEY) as JWK;
    } catch {
      throw new ConfigError(['AUTH_SIGNING_KEY: is not valid JSON (expected a private JWK)']);
    }
    return fromJwk(jwk);
  }
  if (config.nodeEnv === 'production') throw new ConfigError(['AUTH_SIGNING_KEY: must be set in production (not set)']);
  if (existsSync(AUTH_KEY_FILE)) return fromJwk(JSON.parse(readFileSync(AUTH_KEY_FILE, 'utf8')) as JWK);
  const jwk = await generateSigningJwk();
  mkdirSync(dirname(AUTH_KEY_FILE), { recursive: true });
  writeFileSync(AUTH_KEY_FILE, JSON.stringify(jwk), { mode: 0o600 });
  return fromJwk(jwk);
}
