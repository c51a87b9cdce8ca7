import type { Logger, Redis } from '@carebook/platform';
import { createHash } from 'node:crypto';
import { rateLimited, throttleUnavailable } from '../domain/rate-limit-errors';

/** Counts the use and answers the count and the window's remaining seconds, in one step. */
const TAKE = `
local count = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1], 'NX')
return {count, redis.call('TTL', KEYS[1])}
`;

export interface Quota {
  /** What is counted, for the Redis key: `registration:address`, `password-reset:email`. */
  name: string;
  /** The request, as a person calls it: "Registration". */
  label: string;
  limit: number;
  windowSeconds: number;
  /** What the person is told when it is used up (the wait is appended). */
  message: string;
}

/**
 * Fixed-window quotas for requests that cost the clinic something whatever
 * their outcome (an account, an email): each request is counted as it
 * arrives, and the one past the limit is refused with FORBIDDEN
 * (RATE_LIMITED). The counted value is hashed, so Redis holds no emails.
 * Refused while Redis cannot count, as sign-in is.
 */
export function createRequestQuotas(redis: Redis, logger: Logger) {
  return {
    async take(quota: Quota, value: string): Promise<void> {
      const key = `quota:${quota.name}:${createHash('sha256').update(value).digest('hex')}`;
      let count: number;
      let ttl: number;
      try {
        [count, ttl] = (await redis.eval(TAKE, 1, key, quota.windowSeconds)) as [number, number];
      } catch (error) {
        logger.warn({ err: error, quota: quota.name }, 'request quota unavailable (Redis); refusing the request');
        throw throttleUnavailable(quota.label);
      }
      if (count > quota.limit) {
        const wait = ttl > 0 ? ttl : quota.windowSeconds;
        throw rateLimited(`${quota.message} Try again in ${Math.ceil(wait / 60)} minute(s).`, wait);
      }
    },
  };
}

export type RequestQuotas = ReturnType<typeof createRequestQuotas>;
