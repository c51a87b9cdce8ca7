import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '../config/load-config';
import { developmentPrivateKey, loadServiceKeys, publicJwkOf, SERVICE_NAMES } from './service-keys';
import { createServiceTokenSource } from './service-token';
import { createServiceTokenVerifier } from './service-token-verifier';

/** Key pairs of one's own for every service, as `pnpm keys:services` prints them. */
/** SERVICE_PUBLIC_KEYS in its map form: each service's public JWK by service name. */
const publicKeyMap = (publicKeys: string) => JSON.parse(publicKeys) as Record<string, unknown>;

function ownKeys() {
  const pairs = Object.fromEntries(SERVICE_NAMES.map((service) => [service, generateKeyPairSync('ed25519')]));
  const publicKeys = JSON.stringify(
    Object.fromEntries(SERVICE_NAMES.map((service) => [service, publicJwkOf(service, pairs[service].publicKey)])),
  );
  const privateKey = (service: string, format: 'jwk' | 'pem' = 'jwk') =>
    format === 'jwk'
      ? JSON.stringify(pairs[service].privateKey.export({ format: 'jwk' }))
      : (pairs[service].privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  return { publicKeys, privateKey };
}

const problems = (load: () => unknown) => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return 'none';
};

describe('service keys', () => {
  it('are the public development keys without SERVICE_PRIVATE_KEY outside production: deterministic, one per service', () => {
    const keys = loadServiceKeys('appointment', 'development', {});
    expect(keys.development).toBe(true);
    expect(keys.publicKeyOf('scheduling')!.export({ format: 'jwk' })).toEqual(
      loadServiceKeys('gateway', 'test', {}).publicKeyOf('scheduling')!.export({ format: 'jwk' }),
    );
    expect(keys.publicKeyOf('scheduling')!.export({ format: 'jwk' }).x).not.toBe(
      keys.publicKeyOf('appointment')!.export({ format: 'jwk' }).x,
    );
    expect(developmentPrivateKey('appointment').asymmetricKeyType).toBe('ed25519');
    expect(keys.publicKeyOf('intruder')).toBeUndefined();
  });

  it('come from SERVICE_PRIVATE_KEY (JWK or PKCS#8 PEM) and SERVICE_PUBLIC_KEYS (map or JWKS), and verify each other', async () => {
    const { publicKeys, privateKey } = ownKeys();
    const appointment = loadServiceKeys('appointment', 'production', {
      SERVICE_PRIVATE_KEY: privateKey('appointment', 'pem').replace(/\n/g, '\\n'),
      SERVICE_PUBLIC_KEYS: publicKeys,
    });
    const jwks = JSON.stringify({ keys: Object.values(publicKeyMap(publicKeys)) });
    const scheduling = loadServiceKeys('scheduling', 'production', {
      SERVICE_PRIVATE_KEY: privateKey('scheduling'),
      SERVICE_PUBLIC_KEYS: jwks,
    });
    expect(appointment.development).toBe(false);
    const token = await createServiceTokenSource(appointment)('scheduling');
    expect(await createServiceTokenVerifier(scheduling).verify(token)).toBe('appointment');
    // Development keys no longer open anything.
    const developmentToken = await createServiceTokenSource(loadServiceKeys('appointment', 'development', {}))(
      'scheduling',
    );
    await expect(createServiceTokenVerifier(scheduling).verify(developmentToken)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('are required in production, naming each missing variable', () => {
    expect(problems(() => loadServiceKeys('gateway', 'production', {}))).toMatch(
      /SERVICE_PRIVATE_KEY: must be set in production[\s\S]*SERVICE_PUBLIC_KEYS: must be set in production/,
    );
    const { publicKeys, privateKey } = ownKeys();
    expect(problems(() => loadServiceKeys('gateway', 'development', { SERVICE_PUBLIC_KEYS: publicKeys }))).toMatch(
      /^SERVICE_PRIVATE_KEY: must be set beside SERVICE_PUBLIC_KEYS/,
    );
    expect(
      problems(() => loadServiceKeys('gateway', 'production', { SERVICE_PRIVATE_KEY: privateKey('gateway') })),
    ).toMatch(/^SERVICE_PUBLIC_KEYS: must be set beside SERVICE_PRIVATE_KEY/);
  });

  it('refuse the development keys in production', () => {
    const { publicKeys, privateKey } = ownKeys();
    const developmentPrivate = JSON.stringify(developmentPrivateKey('gateway').export({ format: 'jwk' }));
    const developmentPublic = JSON.stringify({
      ...JSON.parse(publicKeys),
      auth: publicJwkOf('auth', developmentPrivateKey('auth')),
    });
    expect(
      problems(() =>
        loadServiceKeys('gateway', 'production', {
          SERVICE_PRIVATE_KEY: developmentPrivate,
          SERVICE_PUBLIC_KEYS: JSON.stringify({ admin: publicKeyMap(publicKeys).admin }),
        }),
      ),
    ).toMatch(/^SERVICE_PRIVATE_KEY: is the public development key of gateway/);
    expect(
      problems(() =>
        loadServiceKeys('gateway', 'production', {
          SERVICE_PRIVATE_KEY: privateKey('gateway'),
          SERVICE_PUBLIC_KEYS: developmentPublic,
        }),
      ),
    ).toMatch(/^SERVICE_PUBLIC_KEYS: holds the public development key of auth/);
  });

  it('refuse keys that are malformed, of another kind, of an unknown service or of another service', () => {
    const { publicKeys, privateKey } = ownKeys();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    }) as string;
    expect(
      problems(() =>
        loadServiceKeys('gateway', 'test', { SERVICE_PRIVATE_KEY: 'not a key', SERVICE_PUBLIC_KEYS: publicKeys }),
      ),
    ).toMatch(/^SERVICE_PRIVATE_KEY: is neither/);
    expect(
      problems(() => loadServiceKeys('gateway', 'test', { SERVICE_PRIVATE_KEY: ec, SERVICE_PUBLIC_KEYS: publicKeys })),
    ).toMatch(/^SERVICE_PRIVATE_KEY: must be an Ed25519 key/);
    expect(
      problems(() =>
        loadServiceKeys('gateway', 'test', {
          SERVICE_PRIVATE_KEY: privateKey('gateway'),
          SERVICE_PUBLIC_KEYS: '{oops',
        }),
      ),
    ).toMatch(/^SERVICE_PUBLIC_KEYS: is not valid JSON/);
    expect(
      problems(() =>
        loadServiceKeys('gateway', 'test', {
          SERVICE_PRIVATE_KEY: privateKey('gateway'),
          SERVICE_PUBLIC_KEYS: JSON.stringify({ intruder: publicKeyMap(publicKeys).auth }),
        }),
      ),
    ).toMatch(/"intruder" is not a Carebook service/);
    expect(
      problems(() =>
        loadServiceKeys('gateway', 'test', {
          SERVICE_PRIVATE_KEY: privateKey('auth'),
          SERVICE_PUBLIC_KEYS: publicKeys,
        }),
      ),
    ).toMatch(/does not match the gateway key/);
  });
});
