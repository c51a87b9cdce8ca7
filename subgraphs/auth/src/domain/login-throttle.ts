import { Forbidden, Logger, Redis } from '@carebook/platform';
import { createHash } from 'node:crypto';

export interface ThrottleSettings {
  maxPerEmail: number;
  maxPerIp: number;
  windowSeconds: number;
}

/**
 * Counts failed sign-ins per email and per client address in Redis, in a
 * fixed window. Past the limit, sign-in is refused until the window ends,
 * whatever the password. Emails are hashed so Redis holds no addresses.
 * If Redis is unreachable, sign-in still works (logged): patients must not
 * be locked out of their appointments by a cache outage.
 */
export function createLoginThrottle(redis: Redis, settings: ThrottleSettings, logger: Logger) {
  const emailKey = (email: string) => `login-failures:email:${createHash('sha256').update(email).digest('hex')}`;
  const ipKey = (ip: string) => `login-failures:ip:${ip}`;

  return {
    async assertAllowed(email: string, ip: string): Promise<void> {
      let counts: [number, number, number];
      try {
        const [byEmail, byIp, ttl] = await Promise.all([redis.get(emailKey(email)), redis.get(ipKey(ip)), redis.ttl(emailKey(email))]);
        counts = [Number(byEmail ?? 0), Number(byIp ?? 0), ttl];
      } catch (error) {
        logger.warn({ err: error }, 'login throttle unavailable (Redis); allowing the attempt');
        return;
      }
      const [byEmail, byIp, ttl] = counts;
      if (byEmail >= settings.maxPerEmail || byIp >= settings.maxPerIp) {
        const retryAfterSeconds = ttl > 0 ? ttl : settings.windowSeconds;
        throw new Forbidden(`Too many failed sign-in attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s) or reset your password.`, {
          reason: 'RATE_LIMITED',
          retryAfterSeconds,
        });
      }
    },
    async recordFailure(email: string, ip: string): Promise<void> {
      try {
        await redis
          .multi()
          .incr(emailKey(email))
          .expire(emailKey(email), settings.windowSeconds, 'NX')
          .incr(ipKey(ip))
          .expire(ipKey(ip), settings.windowSeconds, 'NX')
          .exec();
      } catch (error) {
        logger.warn({ err: error }, 'could not record a failed sign-in (Redis)');
      }
    },
    async recordSuccess(email: string): Promise<void> {
      await redis.del(emailKey(email)).catch(() => undefined);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
