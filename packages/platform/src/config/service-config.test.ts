import { developmentPrivateKey, publicJwkOf } from '../auth/service-keys';
import { ConfigError } from './load-config';
import { loadServiceConfig } from './service-config';

const problemsOf = (source: NodeJS.ProcessEnv) => {
  try {
    loadServiceConfig('patient', {}, source);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe("a subgraph's service keys from its configuration", () => {
  it('are the development keys outside production', () => {
    expect(loadServiceConfig('patient', {}, { NODE_ENV: 'test' }).serviceKeys).toMatchObject({
      self: 'patient',
      development: true,
    });
  });

  it('stop a production process without keys, or with the development ones, naming the variable', () => {
    expect(problemsOf({ NODE_ENV: 'production', REDIS_URL: 'redis://:a-password@127.0.0.1:6379' })).toEqual([
      expect.stringMatching(/^SERVICE_PRIVATE_KEY: must be set in production/),
      expect.stringMatching(/^SERVICE_PUBLIC_KEYS: must be set in production/),
    ]);
    const development = {
      SERVICE_PRIVATE_KEY: JSON.stringify(developmentPrivateKey('patient').export({ format: 'jwk' })),
      SERVICE_PUBLIC_KEYS: JSON.stringify({ patient: publicJwkOf('patient', developmentPrivateKey('patient')) }),
    };
    expect(
      problemsOf({ NODE_ENV: 'production', REDIS_URL: 'redis://:a-password@127.0.0.1:6379', ...development }),
    ).toEqual([expect.stringMatching(/^SERVICE_PRIVATE_KEY: is the public development key of patient/)]);
  });
});
