import { createHash, createPrivateKey, createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../config/load-config';
import { ServiceName, SERVICE_PORTS } from '../config/services';

/**
 * Every process that calls others with a service token: the gateway and
 * each subgraph (a worker process signs as its own service).
 */
export const SERVICE_NAMES = Object.keys(SERVICE_PORTS) as ServiceName[];

export function isServiceName(name: unknown): name is ServiceName {
  return typeof name === 'string' && (SERVICE_NAMES as string[]).includes(name);
}

/**
 * One Ed25519 key pair per service: a process signs its service tokens with
 * its own private key and verifies its callers' tokens with their public
 * keys, so a compromised service cannot speak as another.
 */
export interface ServiceKeys {
  /** The service this process signs as. */
  self: ServiceName;
  privateKey: KeyObject;
  /** The public key a caller's tokens are verified with; undefined for a service with none configured. */
  publicKeyOf(service: string): KeyObject | undefined;
  /** The public development keys (derived from a public seed): refused in production. */
  development: boolean;
}

/** Where a process finds its own private key when SERVICE_PRIVATE_KEY is unset: `<SERVICE>_SERVICE_PRIVATE_KEY`. */
export const ownPrivateKeyVariable = (self: ServiceName) => `${self.toUpperCase()}_SERVICE_PRIVATE_KEY`;

/**
 * The variables production processes read their keys from (see .env.example).
 * A process takes SERVICE_PRIVATE_KEY (docker-compose hands each container
 * its own), else its own `<SERVICE>_SERVICE_PRIVATE_KEY`, so the set that
 * `pnpm keys:services` prints also works as one .env for processes started
 * side by side on one host.
 */
export const serviceKeyShape = (self: ServiceName) => ({
  SERVICE_PRIVATE_KEY: z.string().optional(),
  [ownPrivateKeyVariable(self)]: z.string().optional(),
  SERVICE_PUBLIC_KEYS: z.string().optional(),
});

// An Ed25519 private key in PKCS#8 DER is this fixed prefix followed by the 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * A service's development private key, built from a seed anyone can compute:
 * `pnpm start` and the tests need no key setup, and production refuses these keys.
 */
export function developmentPrivateKey(service: ServiceName): KeyObject {
  const seed = createHash('sha256').update(`carebook-development-service-key:${service}`).digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

const developmentPublicKeys = new Map<ServiceName, KeyObject>();
function developmentPublicKey(service: ServiceName): KeyObject {
  let key = developmentPublicKeys.get(service);
  if (!key) developmentPublicKeys.set(service, (key = createPublicKey(developmentPrivateKey(service))));
  return key;
}

/** Development key pairs for every service, signing as `self`. */
export function developmentServiceKeys(self: ServiceName): ServiceKeys {
  return {
    self,
    privateKey: developmentPrivateKey(self),
    publicKeyOf: (service) => (isServiceName(service) ? developmentPublicKey(service) : undefined),
    development: true,
  };
}

const publicHalf = (key: KeyObject) => (key.type === 'public' ? key : createPublicKey(key));

/** A service's public key (from either half of its pair) as a JWK, with the service as its kid (what SERVICE_PUBLIC_KEYS holds). */
export function publicJwkOf(service: ServiceName, key: KeyObject): JsonWebKey {
  return { ...publicHalf(key).export({ format: 'jwk' }), kid: service, alg: 'EdDSA', use: 'sig' };
}

function sameKey(a: KeyObject, b: KeyObject): boolean {
  return publicHalf(a).export({ format: 'jwk' }).x === publicHalf(b).export({ format: 'jwk' }).x;
}

function ed25519(key: KeyObject, variable: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ConfigError([
      `${variable}: must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'a secret'} (pnpm keys:services makes them)`,
    ]);
  return key;
}

/** A private key as PKCS#8 PEM (newlines may be written as \n) or as a JWK in JSON. */
function parsePrivateKey(raw: string): KeyObject {
  const text = raw.trim();
  try {
    const key = text.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' })
      : createPrivateKey(text.replace(/\\n/g, '\n'));
    return ed25519(key, 'SERVICE_PRIVATE_KEY');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([
      'SERVICE_PRIVATE_KEY: is neither a PKCS#8 PEM private key nor a private JWK (pnpm keys:services makes one per service)',
    ]);
  }
}

/** `{ "<service>": <public JWK or SPKI PEM>, ... }`, or a JWKS whose keys name their service in `kid`. */
function parsePublicKeys(raw: string): Map<ServiceName, KeyObject> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(['SERVICE_PUBLIC_KEYS: is not valid JSON (a map of service name to public JWK, or a JWKS)']);
  }
  const entries: Array<[unknown, unknown]> =
    parsed && typeof parsed === 'object' && Array.isArray((parsed as { keys?: unknown }).keys)
      ? (parsed as { keys: Array<{ kid?: unknown }> }).keys.map((jwk) => [jwk?.kid, jwk])
      : Object.entries(parsed ?? {});
  const keys = new Map<ServiceName, KeyObject>();
  for (const [service, value] of entries) {
    if (!isServiceName(service))
      throw new ConfigError([
        `SERVICE_PUBLIC_KEYS: "${String(service)}" is not a Carebook service (one of ${SERVICE_NAMES.join(', ')})`,
      ]);
    try {
      const key =
        typeof value === 'string'
          ? createPublicKey(value.replace(/\\n/g, '\n'))
          : createPublicKey({ key: stripPrivate(value as JsonWebKey), format: 'jwk' });
      keys.set(service, ed25519(key, `SERVICE_PUBLIC_KEYS (${service})`));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError([`SERVICE_PUBLIC_KEYS: the key of ${service} is not a public JWK or SPKI PEM`]);
    }
  }
  if (keys.size === 0) throw new ConfigError(['SERVICE_PUBLIC_KEYS: names no service']);
  return keys;
}

/** Only the public half of a JWK is meant to be shared; whatever else was pasted is ignored. */
function stripPrivate(jwk: JsonWebKey): JsonWebKey {
  const { d: _d, ...publicPart } = jwk;
  return publicPart;
}

/**
 * The keys of the process that runs as `self`: SERVICE_PRIVATE_KEY (its own)
 * and SERVICE_PUBLIC_KEYS (everyone's) when set; without them the
 * development keys, which a production process refuses, as it refuses
 * running without keys. Every problem names its variable.
 */
export function loadServiceKeys(self: ServiceName, nodeEnv: string, vars: Record<string, unknown>): ServiceKeys {
  const production = nodeEnv === 'production';
  const privateRaw = (vars.SERVICE_PRIVATE_KEY || vars[ownPrivateKeyVariable(self)]) as string | undefined;
  const publicRaw = vars.SERVICE_PUBLIC_KEYS as string | undefined;
  if (!privateRaw && !publicRaw) {
    if (!production) return developmentServiceKeys(self);
    throw new ConfigError([
      `SERVICE_PRIVATE_KEY: must be set in production to the ${self} service's own private key (not set; pnpm keys:services makes one per service)`,
      "SERVICE_PUBLIC_KEYS: must be set in production to every service's public key (not set)",
    ]);
  }
  if (!privateRaw)
    throw new ConfigError([
      `SERVICE_PRIVATE_KEY: must be set beside SERVICE_PUBLIC_KEYS, to the ${self} service's own private key (not set)`,
    ]);
  if (!publicRaw)
    throw new ConfigError([
      "SERVICE_PUBLIC_KEYS: must be set beside SERVICE_PRIVATE_KEY, to every service's public key (not set)",
    ]);
  const privateKey = parsePrivateKey(privateRaw);
  const publicKeys = parsePublicKeys(publicRaw);
  const ownPublic = publicKeys.get(self);
  if (ownPublic && !sameKey(ownPublic, privateKey)) {
    throw new ConfigError([
      `SERVICE_PRIVATE_KEY: does not match the ${self} key in SERVICE_PUBLIC_KEYS (is this the key of another service?)`,
    ]);
  }
  if (production) {
    if (sameKey(privateKey, developmentPrivateKey(self)))
      throw new ConfigError([
        `SERVICE_PRIVATE_KEY: is the public development key of ${self}; production needs keys of your own (pnpm keys:services)`,
      ]);
    const publicDevelopmentKeys = [...publicKeys]
      .filter(([service, key]) => sameKey(key, developmentPublicKey(service)))
      .map(([service]) => service);
    if (publicDevelopmentKeys.length) {
      throw new ConfigError([
        `SERVICE_PUBLIC_KEYS: holds the public development key of ${publicDevelopmentKeys.join(', ')}; production needs keys of your own (pnpm keys:services)`,
      ]);
    }
  }
  return {
    self,
    privateKey,
    publicKeyOf: (service) => (isServiceName(service) ? publicKeys.get(service) : undefined),
    development: false,
  };
}
