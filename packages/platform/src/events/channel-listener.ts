import type { Logger } from 'pino';
import { createRedis } from '../redis';

export interface ChannelListener {
  /** True while subscribed: only then can answers cached on the strength of these messages be trusted. */
  live(): boolean;
  close(): Promise<void>;
}

/**
 * Calls `onChange` for every message on the channels (Redis pub/sub), for
 * caches that must forget what a change made stale. While the subscription
 * is down `live()` is false, and on every (re)subscription `onChange` runs
 * too, without a message: changes made while nobody listened are unknown.
 */
export function listenOnChannels(
  redisUrl: string,
  channels: string[],
  logger: Logger,
  onChange: (message?: string) => void,
  what: string,
): ChannelListener {
  // A connection in subscriber mode can do nothing else: it is ours alone. It waits for Redis rather than failing.
  const subscriber = createRedis(redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: null });
  let subscribed = false;
  subscriber.on('ready', () => {
    subscriber.subscribe(...channels).then(
      () => {
        subscribed = true;
        onChange();
      },
      (error: Error) => logger.warn({ err: error.message }, `could not subscribe to ${what}`),
    );
  });
  subscriber.on('close', () => {
    if (subscribed) logger.warn(`${what} subscription lost; answers that depend on it are not cached until it is back`);
    subscribed = false;
  });
  subscriber.on('error', () => undefined); // reconnects on its own; 'close' above reports it once
  subscriber.on('message', (_channel: string, message: string) => onChange(message));
  return {
    live: () => subscribed && subscriber.status === 'ready',
    async close() {
      subscribed = false;
      subscriber.disconnect();
    },
  };
}
