import { ConfigError } from '@carebook/platform';
import { loadGatewayConfig } from './config';

describe("the gateway's service keys", () => {
  it('are its own development keys outside production', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).serviceKeys).toMatchObject({
      self: 'gateway',
      development: true,
    });
  });

  it('must be set in production: the gateway refuses to start without them, naming the variables', () => {
    let problems: string[] = [];
    try {
      loadGatewayConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://:a-password@127.0.0.1:6379' });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^SERVICE_PRIVATE_KEY: must be set in production to the gateway service's own private key/),
      expect.stringMatching(/^SERVICE_PUBLIC_KEYS: /),
    ]);
  });
});
