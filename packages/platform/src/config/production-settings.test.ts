import { randomBytes } from 'node:crypto';
import { ConfigError } from './load-config';
import { productionServiceKeys } from '../testing/service-callers';
import {
  DEVELOPMENT_BOOTSTRAP_ADMIN_PASSWORD,
  DEVELOPMENT_DATA_KEY,
  productionCheckedServiceKeys,
  productionProblems,
} from './production-settings';

const SAFE = {
  REDIS_URL: 'redis://:s3cret@redis:6379',
  PAYMENT_PROVIDER: 'none',
  BOOTSTRAP_ADMIN_PASSWORD: 'a-password-of-our-own',
  DATA_ENCRYPTION_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
  AUTH_SIGNING_KEY: '{"kty":"EC"}',
};
const ALL = Object.keys(SAFE);
const problemsWith = (change: Record<string, unknown>) => productionProblems('production', ALL, { ...SAFE, ...change });

describe('production settings', () => {
  it('accepts a configuration of real secrets and a Redis with a password', () => {
    expect(productionProblems('production', ALL, SAFE)).toEqual([]);
    expect(
      productionProblems('production', ['REDIS_URL'], { REDIS_URL: 'rediss://carebook:s3cret@redis.internal:6380' }),
    ).toEqual([]);
  });

  it.each([
    ['REDIS_URL', 'redis://redis:6379', /REDIS_URL: must carry a password/],
    ['REDIS_URL', 'redis://carebook@redis:6379', /REDIS_URL: must carry a password/],
    ['PAYMENT_PROVIDER', 'development', /PAYMENT_PROVIDER: must not be development/],
    ['BOOTSTRAP_ADMIN_PASSWORD', undefined, /BOOTSTRAP_ADMIN_PASSWORD: must be set in production/],
    [
      'BOOTSTRAP_ADMIN_PASSWORD',
      DEVELOPMENT_BOOTSTRAP_ADMIN_PASSWORD,
      /BOOTSTRAP_ADMIN_PASSWORD: is the public development default/,
    ],
    ['DATA_ENCRYPTION_KEYS', undefined, /DATA_ENCRYPTION_KEYS: must be set in production/],
    [
      'DATA_ENCRYPTION_KEYS',
      `mine:${randomBytes(32).toString('base64')},old:${DEVELOPMENT_DATA_KEY}`,
      /DATA_ENCRYPTION_KEYS: holds the public development key/,
    ],
    ['AUTH_SIGNING_KEY', undefined, /AUTH_SIGNING_KEY: must be set in production/],
  ])('refuses %s=%s in production, naming the variable', (name, value, message) => {
    const problems = problemsWith({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('checks only the variables the process reads, and nothing outside production', () => {
    const development = { REDIS_URL: 'redis://127.0.0.1:6379', PAYMENT_PROVIDER: 'development' };
    expect(productionProblems('production', ['REDIS_URL'], development)).toHaveLength(1);
    expect(productionProblems('development', ALL, development)).toEqual([]);
    expect(productionProblems('test', ALL, development)).toEqual([]);
  });

  it('throws one ConfigError naming every variable to fix', () => {
    let error: unknown;
    try {
      productionCheckedServiceKeys('billing', 'production', ALL, {
        ...SAFE,
        ...productionServiceKeys().env,
        REDIS_URL: 'redis://redis:6379',
        PAYMENT_PROVIDER: 'development',
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual([
      'REDIS_URL',
      'PAYMENT_PROVIDER',
    ]);
  });
});
