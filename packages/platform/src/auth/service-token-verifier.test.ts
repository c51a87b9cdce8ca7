import { createSecretKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { developmentPrivateKey, developmentServiceKeys } from './service-keys';
import { createServiceTokenSource, SERVICE_TOKEN_ISSUER } from './service-token';
import { createServiceTokenVerifier } from './service-token-verifier';
import { stringMatching } from '../testing/typed-matchers';

const now = () => Math.floor(Date.now() / 1000);

/** A token as a caller could make it, claims and header overridable, signed with `key`. */
function forge(
  key: KeyObject,
  claims: { sub?: string; aud?: string; iss?: string; iat?: number; exp?: number | null },
  header: { alg?: string; kid?: string } = {},
) {
  const sub = claims.sub ?? 'appointment';
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: header.alg ?? 'EdDSA', kid: header.kid ?? sub })
    .setSubject(sub)
    .setAudience(claims.aud ?? 'scheduling')
    .setIssuer(claims.iss ?? SERVICE_TOKEN_ISSUER)
    .setIssuedAt(claims.iat ?? now());
  if (claims.exp !== null) jwt.setExpirationTime(claims.exp ?? now() + 60);
  return jwt.sign(key);
}

describe('service tokens', () => {
  const scheduling = createServiceTokenVerifier(developmentServiceKeys('scheduling'));
  const refusal = (token: string) =>
    scheduling.verify(token).then(
      () => 'accepted',
      (error: { extensions: { code: string }; message: string }) => `${error.extensions.code}: ${error.message}`,
    );

  it('name their caller to the one service they are made for, and live a minute', async () => {
    const token = await createServiceTokenSource(developmentServiceKeys('appointment'))('scheduling');
    expect(await scheduling.verify(token)).toBe('appointment');
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt(token);
    expect(header).toMatchObject({ alg: 'EdDSA', kid: 'appointment' });
    expect(payload).toMatchObject({ sub: 'appointment', aud: 'scheduling', iss: SERVICE_TOKEN_ISSUER });
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it('are refused by every service but their target', async () => {
    const token = await createServiceTokenSource(developmentServiceKeys('appointment'))('scheduling');
    await expect(createServiceTokenVerifier(developmentServiceKeys('patient')).verify(token)).rejects.toMatchObject({
      message: stringMatching(/made for another service/),
    });
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    [
      'signed with another service key than the one it names',
      () => forge(developmentPrivateKey('notification'), { sub: 'appointment' }),
      /not signed with the key of the service it names/,
    ],
    [
      'naming a caller in kid other than sub',
      () => forge(developmentPrivateKey('notification'), { sub: 'appointment' }, { kid: 'notification' }),
      /sub and kid/,
    ],
    [
      'from no known service',
      () => forge(generateKeyPairSync('ed25519').privateKey, { sub: 'intruder' }),
      /no Carebook service/,
    ],
    [
      'with a foreign key',
      () => forge(generateKeyPairSync('ed25519').privateKey, { sub: 'appointment' }),
      /not signed with the key/,
    ],
    [
      'HS256 with the retired shared development secret',
      () =>
        forge(
          createSecretKey(Buffer.from('carebook-development-service-secret-change-me')),
          { sub: 'appointment' },
          { alg: 'HS256' },
        ),
      /HS256/,
    ],
    ['from another issuer', () => forge(developmentPrivateKey('appointment'), { iss: 'carebook-auth' }), /iss claim/],
    ['without exp', () => forge(developmentPrivateKey('appointment'), { exp: null }), /exp/],
    ['expired', () => forge(developmentPrivateKey('appointment'), { iat: now() - 120, exp: now() - 60 }), /expired/],
    [
      'made to live longer than a minute',
      () => forge(developmentPrivateKey('appointment'), { exp: now() + 3600 }),
      /lives longer/,
    ],
    [
      'issued in the future to last longer',
      () => forge(developmentPrivateKey('appointment'), { iat: now() + 3600, exp: now() + 3660 }),
      /lives longer|iat/,
    ],
  ])('are refused when %s', async (_case, make, reason) => {
    const outcome = await refusal(await make());
    expect(outcome).toMatch(/^UNAUTHENTICATED: /);
    expect(outcome).toMatch(reason);
  });

  it('refuse a user access token (ES256) and garbage', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const userToken = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('user-1')
      .setExpirationTime('15m')
      .sign(privateKey);
    expect(await refusal(userToken)).toMatch(/^UNAUTHENTICATED: .*ES256/);
    expect(await refusal('not-a-token')).toMatch(/^UNAUTHENTICATED: /);
  });
});
