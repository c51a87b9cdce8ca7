import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike, SignJWT, UnsecuredJWT } from 'jose';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../auth/role';

export interface MintOptions {
  /** Any string, to see an unknown role refused. */
  role?: Role | string;
  sub?: string;
  /** A duration ('15m'), seconds from now, or null for a token without exp. */
  expiresIn?: string | number | null;
  issuer?: string;
  audience?: string;
}

/** Signs access tokens with `key` as the auth service does (ES256), or with whatever claims a test needs refused. */
export function accessTokenMinter(key: KeyLike | Uint8Array, kid: string, issuer: string, audience: string) {
  return (options: MintOptions = {}) => {
    const jwt = new SignJWT({ role: options.role ?? Role.PATIENT })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(options.sub ?? crypto.randomUUID())
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setIssuedAt(
        typeof options.expiresIn === 'number' && options.expiresIn < 0
          ? Math.floor(Date.now() / 1000) + options.expiresIn - 60
          : undefined,
      );
    if (options.expiresIn !== null)
      jwt.setExpirationTime(
        typeof options.expiresIn === 'number'
          ? Math.floor(Date.now() / 1000) + options.expiresIn
          : (options.expiresIn ?? '15m'),
      );
    return jwt.sign(key);
  };
}

/**
 * Mints with the real signing key of an auth service a test started (the
 * development key it keeps in AUTH_KEY_FILE, as `startStack` sets it): tokens
 * a running stack's verifiers cannot tell from auth's own, claims aside.
 */
export async function accessTokenMinterFromKeyFile(path: string, issuer = 'carebook-auth', audience = 'carebook') {
  const jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  return accessTokenMinter(await importJWK(jwk, 'ES256'), jwk.kid!, issuer, audience);
}

/**
 * A stand-in for the auth service's signing side in subgraph tests: a real
 * ES256 key pair with its JWKS served over HTTP, so services verify tokens
 * exactly as in production. Also mints the bad tokens tests must see refused.
 */
export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  mint(options?: MintOptions): Promise<string>;
  mintWithForeignKey(options?: MintOptions): Promise<string>;
  mintUnsigned(options?: MintOptions): string;
  stop(): Promise<void>;
}

export async function startTestIssuer(issuer = 'carebook-auth', audience = 'carebook'): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;

  return {
    jwksUrl,
    issuer,
    audience,
    mint: accessTokenMinter(privateKey, 'test-key', issuer, audience),
    mintWithForeignKey: accessTokenMinter(foreign.privateKey, 'test-key', issuer, audience),
    mintUnsigned: (options = {}) =>
      new UnsecuredJWT({ role: options.role ?? Role.ADMIN })
        .setSubject(options.sub ?? crypto.randomUUID())
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setExpirationTime('15m')
        .encode(),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
