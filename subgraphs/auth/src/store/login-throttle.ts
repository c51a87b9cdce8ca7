import type { Logger, Redis } from '@carebook/platform';
import { createHash } from 'node:crypto';
import { rateLimited, throttleUnavailable } from '../domain/rate-limit-errors';

export interface ThrottleSettings {
  /** Failed sign-ins allowed for one account from one client address within the window. */
  maxPerEmailAndIp: number;
  /** Failed sign-ins allowed from one client address, whatever the accounts, within the window. */
  maxPerIp: number;
  windowSeconds: number;
}

/** A sign-in attempt that was counted before its password is checked. */
export interface CountedAttempt {
  /** The password was right: the attempt was no failure, and the account's failures from this address are cleared. */
  succeeded(): Promise<void>;
}

/**
 * Counts the attempt if both counts are under their limits, atomically: of
 * any number of concurrent guesses, only as many as the limit allows get
 * their password checked. Returns [1, 0] when counted, [0, ttl] when refused.
 */
const ADMIT = `
for i = 1, 2 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') >= tonumber(ARGV[i]) then
    return {0, redis.call('TTL', KEYS[i])}
  end
end
for i = 1, 2 do
  redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[3], 'NX')
end
return {1, 0}
`;

/** Clears the account's failures from this address, and takes back this attempt from the address's count (only while that window lasts). */
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) then redis.call('DECR', KEYS[2]) end
return 1
`;

/**
 * Sign-in throttling in Redis, in fixed windows. Each attempt is counted
 * before its password is checked, so parallel guesses cannot all slip in
 * between a read and a write; an attempt whose password is right is then
 * taken back. Two limits: per (client address, account), so that failures
 * from one address lock out that account there and nobody else, and a
 * higher one per address, against one address trying many accounts.
 * Emails are hashed so Redis holds no addresses.
 *
 * While Redis is unreachable sign-in is refused (attempts cannot be
 * counted); tokens would be refused meanwhile anyway, since revocations
 * cannot be checked either.
 */
export function createLoginThrottle(redis: Redis, settings: ThrottleSettings, logger: Logger) {
  const pairKey = (email: string, ip: string) =>
    `login-failures:account-address:${createHash('sha256').update(`${email}\n${ip}`).digest('hex')}`;
  const ipKey = (ip: string) => `login-failures:address:${ip}`;

  return {
    /** Counts an attempt before its password is checked; FORBIDDEN (RATE_LIMITED) past either limit. */
    async admit(email: string, ip: string): Promise<CountedAttempt> {
      const keys = [pairKey(email, ip), ipKey(ip)];
      let answer: [number, number];
      try {
        answer = (await redis.eval(
          ADMIT,
          2,
          ...keys,
          settings.maxPerEmailAndIp,
          settings.maxPerIp,
          settings.windowSeconds,
        )) as [number, number];
      } catch (error) {
        logger.warn({ err: error }, 'login throttle unavailable (Redis); refusing the attempt');
        throw throttleUnavailable('Sign-in');
      }
      const [counted, ttl] = answer;
      if (!counted) {
        throw rateLimited(
          `Too many failed sign-in attempts; try again in ${Math.ceil(Math.max(ttl, 1) / 60)} minute(s) or reset your password.`,
          ttl > 0 ? ttl : settings.windowSeconds,
        );
      }
      return {
        async succeeded() {
          await redis
            .eval(SUCCEEDED, 2, ...keys)
            .catch((error) => logger.warn({ err: error }, 'could not clear sign-in failures (Redis)'));
        },
      };
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
