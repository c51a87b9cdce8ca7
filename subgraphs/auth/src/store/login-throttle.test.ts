import { createLogger, createRedis, Redis } from '@carebook/platform';
import { anyNumber, stringMatching } from '@carebook/platform/testing';
import { createLoginThrottle } from './login-throttle';
import { createRequestQuotas } from './request-quota';

const logger = createLogger('throttle-test', 'silent');

/** Runs `attempt` and says whether the throttle let it through. */
async function admitted(attempt: Promise<unknown>): Promise<boolean> {
  try {
    await attempt;
    return true;
  } catch (error) {
    expect(error).toMatchObject({
      extensions: { code: 'FORBIDDEN', reason: 'RATE_LIMITED', retryAfterSeconds: anyNumber() },
    });
    return false;
  }
}

describe('sign-in throttle against real Redis', () => {
  let redis: Redis;
  const settings = { maxPerEmailAndIp: 5, maxPerIp: 12, windowSeconds: 60 };
  let throttle: ReturnType<typeof createLoginThrottle>;

  beforeAll(async () => {
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      keyPrefix: `test-throttle-${process.pid}-${Date.now()}:`,
    });
    await new Promise((resolve) => redis.once('ready', resolve));
    throttle = createLoginThrottle(redis, settings, logger);
  });

  afterAll(() => redis.disconnect());

  it('admits exactly the limit of 40 concurrent attempts at one account from one address', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => admitted(throttle.admit('ann@example.org', '10.1.0.1'))),
    );
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it('keeps failures at one address to that account: another account there, or the same one elsewhere, is still admitted', async () => {
    for (let i = 0; i < 5; i++) await throttle.admit('bea@example.org', '10.2.0.1');
    expect(await admitted(throttle.admit('bea@example.org', '10.2.0.1'))).toBe(false);
    expect(await admitted(throttle.admit('cid@example.org', '10.2.0.1'))).toBe(true);
    expect(await admitted(throttle.admit('bea@example.org', '10.2.0.2'))).toBe(true);
  });

  it('refuses every account from an address past the higher per-address ceiling', async () => {
    for (const account of ['a', 'b', 'c'])
      for (let i = 0; i < 4; i++) await throttle.admit(`${account}@example.org`, '10.3.0.1');
    expect(await admitted(throttle.admit('fresh@example.org', '10.3.0.1'))).toBe(false);
    expect(await admitted(throttle.admit('fresh@example.org', '10.3.0.2'))).toBe(true);
  });

  it('clears the account failures at an address on a success, and does not count the success against the address', async () => {
    for (let i = 0; i < 4; i++) await throttle.admit('dee@example.org', '10.4.0.1');
    await (await throttle.admit('dee@example.org', '10.4.0.1')).succeeded();
    for (let i = 0; i < 5; i++) expect(await admitted(throttle.admit('dee@example.org', '10.4.0.1'))).toBe(true);
    expect(await admitted(throttle.admit('dee@example.org', '10.4.0.1'))).toBe(false);
    // 4 + 5 failures (the success taken back) + 1 refused, which is not counted: 9 of 12 on the address.
    for (let i = 0; i < 3; i++) expect(await admitted(throttle.admit(`other${i}@example.org`, '10.4.0.1'))).toBe(true);
    expect(await admitted(throttle.admit('other9@example.org', '10.4.0.1'))).toBe(false);
  });

  it('refuses the attempt (INTERNAL_SERVER_ERROR) rather than leave it uncounted while Redis is unreachable', async () => {
    const down = createRedis('redis://127.0.0.1:9');
    down.on('error', () => undefined);
    try {
      await expect(
        createLoginThrottle(down, settings, logger).admit('eve@example.org', '10.5.0.1'),
      ).rejects.toMatchObject({
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
        message: stringMatching(/Sign-in is briefly unavailable/),
      });
    } finally {
      down.disconnect();
    }
  });
});

describe('request quotas against real Redis', () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      keyPrefix: `test-quota-${process.pid}-${Date.now()}:`,
    });
    await new Promise((resolve) => redis.once('ready', resolve));
  });

  afterAll(() => redis.disconnect());

  it('lets the limit of concurrent requests through per value and refuses the rest with when to try again', async () => {
    const quotas = createRequestQuotas(redis, logger);
    const quota = {
      name: 'registration:address',
      label: 'Registration',
      limit: 3,
      windowSeconds: 3600,
      message: 'Too many accounts were opened from your network address.',
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => admitted(quotas.take(quota, '10.6.0.1'))));
    expect(results.filter(Boolean)).toHaveLength(3);
    await expect(quotas.take(quota, '10.6.0.1')).rejects.toMatchObject({
      message: stringMatching(
        /^Too many accounts were opened from your network address\. Try again in 60 minute\(s\)\.$/,
      ),
    });
    expect(await admitted(quotas.take(quota, '10.6.0.2'))).toBe(true);
  });
});
