import { loadServiceKeys, ServiceKeys } from '../auth/service-keys';
import { ConfigError } from './load-config';
import type { ServiceName } from './services';

/**
 * Public development values: they let a developer start without generating
 * secrets, so they protect nothing and production refuses them.
 */
export const DEVELOPMENT_BOOTSTRAP_ADMIN_PASSWORD = 'carebook-admin-password';
export const DEVELOPMENT_DATA_KEY_ID = 'insecure-development-key';
/** base64 of 32 bytes everyone can read here. */
export const DEVELOPMENT_DATA_KEY = Buffer.from('carebook-dev-data-key-not-secret', 'utf8').toString('base64');

/**
 * What a production process must not run with, by variable. A rule applies
 * to a process only when the variable is one of its settings (billing's
 * PAYMENT_PROVIDER, auth's BOOTSTRAP_ADMIN_PASSWORD, every process's
 * REDIS_URL...). Each answers the problem, or null when the value is fine.
 */
const PRODUCTION_RULES: Record<string, (value: unknown) => string | null> = {
  // BullMQ job data lives in Redis: whoever can write there can enqueue work, so it must not be open.
  REDIS_URL: (value) =>
    hasRedisPassword(value)
      ? null
      : 'must carry a password in production, e.g. redis://:<password>@redis:6379 (anyone who reaches a Redis without one can read and push queued jobs)',
  PAYMENT_PROVIDER: (value) =>
    value === 'development'
      ? 'must not be development in production: that adapter accepts any card without charging it; use none (cards are not taken online) or a real provider'
      : null,
  BOOTSTRAP_ADMIN_PASSWORD: (value) => {
    if (!value) return 'must be set in production, a password of your own of at least 10 characters (not set)';
    return value === DEVELOPMENT_BOOTSTRAP_ADMIN_PASSWORD
      ? 'is the public development default; choose a password of your own'
      : null;
  },
  DATA_ENCRYPTION_KEYS: (value) => {
    if (!String(value ?? '').trim())
      return 'must be set in production: comma-separated <keyId>:<base64 of 32 random bytes> (not set)';
    return holdsDevelopmentKey(String(value))
      ? 'holds the public development key; generate a key of your own for production'
      : null;
  },
  // Without it, auth would sign with a key generated into AUTH_KEY_FILE on whichever machine it runs on.
  AUTH_SIGNING_KEY: (value) =>
    value
      ? null
      : 'must be set in production: the private EC P-256 JWK that signs access tokens (the generated AUTH_KEY_FILE is for development only) (not set)',
};

function hasRedisPassword(value: unknown): boolean {
  try {
    return new URL(String(value)).password !== '';
  } catch {
    return false;
  }
}

function holdsDevelopmentKey(keys: string): boolean {
  const development = Buffer.from(DEVELOPMENT_DATA_KEY, 'base64');
  return keys
    .split(',')
    .some((entry) => Buffer.from(entry.slice(entry.indexOf(':') + 1).trim(), 'base64').equals(development));
}

/** The problems of a production configuration, each naming its variable; none outside production. */
export function productionProblems(
  nodeEnv: string,
  variables: Iterable<string>,
  values: Record<string, unknown>,
): string[] {
  if (nodeEnv !== 'production') return [];
  return [...new Set(variables)].flatMap((name) => {
    const problem = PRODUCTION_RULES[name]?.(values[name]);
    return problem ? [`${name}: ${problem}`] : [];
  });
}

/**
 * A process's service keys, once its whole production configuration passed:
 * development settings, an open Redis and key problems are refused together,
 * so an operator sees every variable to fix in one go. Every service, the
 * workers and the gateway call it with the variables they read.
 */
export function productionCheckedServiceKeys(
  self: ServiceName,
  nodeEnv: string,
  variables: Iterable<string>,
  values: Record<string, unknown>,
): ServiceKeys {
  const problems = productionProblems(nodeEnv, variables, values);
  let keys: ServiceKeys | undefined;
  try {
    keys = loadServiceKeys(self, nodeEnv, values);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length) throw new ConfigError(problems);
  return keys!;
}
