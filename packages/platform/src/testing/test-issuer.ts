import { exportJWK, generateKeyPair, KeyLike, SignJWT, UnsecuredJWT } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../auth/role';

export interface MintOptions {
  role?: Role;
  sub?: string;
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
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

  const sign = (key: KeyLike, kid: string, options: MintOptions = {}) => {
    const jwt = new SignJWT({ role: options.role ?? Role.PATIENT })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(options.sub ?? crypto.randomUUID())
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setIssuedAt(typeof options.expiresIn === 'number' && options.expiresIn < 0 ? Math.floor(Date.now() / 1000) + options.expiresIn - 60 : undefined)
      .setExpirationTime(typeof options.expiresIn === 'number' ? Math.floor(Date.now() / 1000) + options.expiresIn : (options.expiresIn ?? '15m'));
    return jwt.sign(key);
  };

  return {
    jwksUrl,
    issuer,
    audience,
    mint: (options) => sign(privateKey, 'test-key', options),
    mintWithForeignKey: (options) => sign(foreign.privateKey, 'test-key', options),
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
