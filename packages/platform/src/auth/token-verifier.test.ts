import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Role } from './role';
import { createTokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';
import { anyNumber, stringMatching } from '../testing/typed-matchers';

const options = { jwksUrl: 'http://127.0.0.1:1/unused', issuer: 'carebook-auth', audience: 'carebook' };

describe('token verifier', () => {
  let sign: (claims: Record<string, unknown>, expiresIn: string | number) => Promise<string>;
  let verifier: ReturnType<typeof createTokenVerifier>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    verifier = createTokenVerifier(options, createLocalJWKSet({ keys: [jwk] }));
    sign = (claims, expiresIn) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject('user-1')
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey);
  });

  it('verifies an access token, and answers the same token again from memory', async () => {
    const token = await sign({ role: 'DOCTOR' }, '15m');
    const first = await verifier.verify(token);
    expect(first).toEqual({ kind: 'user', userId: 'user-1', role: 'DOCTOR', token, issuedAtMs: anyNumber() });
    expect(await verifier.verify(token)).toBe(first);
  });

  it('refuses a tampered token even after its genuine twin was verified', async () => {
    const token = await sign({ role: 'PATIENT' }, '15m');
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'user-1', role: 'ADMIN', iss: options.issuer, aud: options.audience, exp: 9_999_999_999 })).toString('base64url')}.${signature}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a remembered token once it has expired', async () => {
    // Expiring at least a second from now (a whole-second exp one second ahead could be a millisecond away
    // and expire before its first check on a loaded machine), then checked again once past it.
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await sign({ role: 'ADMIN' }, exp);
    await verifier.verify(token);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 100));
    await expect(verifier.verify(token)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: stringMatching(/expired/),
    });
  });
});

describe('VerifiedTokenCache', () => {
  const tokenExpiring = (exp: number) => `e30.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.sig`;
  const principal = { kind: 'user' as const, userId: 'x', role: Role.PATIENT, token: 't' };

  it('forgets an entry at its exp and the oldest entry beyond its limit', () => {
    const cache = new VerifiedTokenCache(2);
    const [a, b, c] = [100, 200, 300].map(tokenExpiring);
    cache.remember(a, principal);
    expect(cache.get(a, 99_999)).toBe(principal);
    expect(cache.get(a, 100_000)).toBeUndefined();
    cache.remember(a, principal);
    cache.remember(b, principal);
    cache.remember(c, principal);
    expect(cache.size).toBe(2);
    expect(cache.get(a, 0)).toBeUndefined();
    expect(cache.get(c, 0)).toBe(principal);
  });
});
