import Redis from 'ioredis';

/**
 * Redis connections for BullMQ. Producers fail fast while Redis is down (the
 * outbox keeps the event, so nothing is lost); workers wait for it to return.
 */
export function producerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
}

export function workerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}
