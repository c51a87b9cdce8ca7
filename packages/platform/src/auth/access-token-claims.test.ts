import { createLocalJWKSet, exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { createSecretKey } from 'node:crypto';
import { accessTokenMinter } from '../testing/test-issuer';
import { developmentServiceKeys } from './service-keys';
import { createServiceTokenSource } from './service-token';
import { createTokenVerifier } from './token-verifier';

/**
 * What the access-token verifier (the gateway's and every subgraph's)
 * refuses although the signature is auth's own: each claim it requires, and
 * anything that is not a user's ES256 access token (issue 11 and 17).
 */
describe('access tokens signed by auth but with claims that do not hold', () => {
  const issuer = 'carebook-auth';
  const audience = 'carebook';
  let verifier: ReturnType<typeof createTokenVerifier>;
  let mint: ReturnType<typeof accessTokenMinter>;
  let authKey: KeyLike;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    authKey = privateKey;
    verifier = createTokenVerifier(
      { jwksUrl: 'http://127.0.0.1:1/unused', issuer, audience },
      createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }),
    );
    mint = accessTokenMinter(privateKey, 'k1', issuer, audience);
  });

  const refusal = (token: string) =>
    verifier.verify(token).then(
      () => 'accepted',
      (error: { extensions: { code: string }; message: string }) => `${error.extensions.code}: ${error.message}`,
    );

  it('accepts the genuine article', async () => {
    expect(await refusal(await mint({ role: 'DOCTOR' }))).toBe('accepted');
  });

  it('refuses a wrong audience', async () => {
    expect(await refusal(await mint({ audience: 'carebook-internal' }))).toMatch(/^UNAUTHENTICATED: .*aud claim/);
  });

  it('refuses a wrong issuer', async () => {
    expect(await refusal(await mint({ issuer: 'carebook-services' }))).toMatch(/^UNAUTHENTICATED: .*iss claim/);
  });

  it('refuses a token without expiry', async () => {
    expect(await refusal(await mint({ expiresIn: null }))).toMatch(/^UNAUTHENTICATED: .*exp claim/);
  });

  it.each(['SUPERUSER', 'admin', 'toString', 'constructor', ''])('refuses an unknown role (%p)', async (role) => {
    expect(await refusal(await mint({ role }))).toBe(
      'UNAUTHENTICATED: Your access token carries no valid role; sign in again.',
    );
  });

  it('refuses a token without a role', async () => {
    const roleless = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('u1')
      .setExpirationTime('15m')
      .sign(authKey);
    expect(await refusal(roleless)).toMatch(/^UNAUTHENTICATED: .*no valid role/);
  });

  it('never turns a service token into a principal: neither the retired HS256 kind nor the EdDSA one', async () => {
    const legacy = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('appointment')
      .setIssuer('carebook-services')
      .setAudience('carebook-internal')
      .setExpirationTime('60s')
      .sign(createSecretKey(Buffer.from('carebook-development-service-secret-change-me')));
    expect(await refusal(legacy)).toMatch(/^UNAUTHENTICATED: .*algorithm/);
    const serviceToken = await createServiceTokenSource(developmentServiceKeys('appointment'))('gateway');
    expect(await refusal(serviceToken)).toMatch(/^UNAUTHENTICATED: .*algorithm/);
  });
});
