import type { Logger } from 'pino';
import { createRedis, Redis } from '../redis';

export interface ChannelListener {
  /** True while subscribed: only then can answers cached on the strength of these messages be trusted. */
  live(): boolean;
  close(): Promise<void>;
}

/**
 * A message whose author waits until its listeners have acted on it carries
 * a token; each listener publishes it back on the channel's acknowledgement
 * channel once `onChange` has run (directory-changes.ts waits so).
 */
export interface Acknowledged {
  ack?: string;
}

export const acknowledgementChannel = (channel: string) => `${channel}:acks`;

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
  // Acknowledgements go out on a connection of their own, opened at the first message that asks for one.
  let acknowledger: Redis | undefined;
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
  subscriber.on('message', (channel: string, message: string) => {
    onChange(message);
    const token = tokenOf(message);
    if (token === undefined) return;
    acknowledger ??= createRedis(redisUrl, { enableOfflineQueue: true }).on('error', () => undefined);
    // Unacknowledged, the author only waits longer: nothing here depends on it.
    acknowledger.publish(acknowledgementChannel(channel), token).catch(() => undefined);
  });
  return {
    live: () => subscribed && subscriber.status === 'ready',
    async close() {
      subscribed = false;
      subscriber.disconnect();
      acknowledger?.disconnect();
    },
  };
}

/** The token of a message that asks to be acknowledged; most do not, and are not parsed for it. */
function tokenOf(message: string): string | undefined {
  if (!message.includes('"ack"')) return undefined;
  try {
    const { ack } = JSON.parse(message) as Acknowledged;
    return typeof ack === 'string' ? ack : undefined;
  } catch {
    return undefined;
  }
}
