import Redis, { RedisOptions } from 'ioredis';

/**
 * A Redis connection for request-time use: it fails fast while Redis is down
 * instead of queueing commands, so callers can fall back or answer an error.
 */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: false,
    ...options,
  });
}

export type { Redis };
