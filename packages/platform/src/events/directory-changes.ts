import type { Logger } from 'pino';
import { createRedis, Redis } from '../redis';
import { ChannelListener, listenOnChannels } from './channel-listener';

/**
 * The doctor service announces that a doctor or a catalogue service changed
 * (deactivated, retired, new rules, new price), or a location (its zone), on Redis pub/sub, so the
 * services and the gateway that cache such facts for a few seconds forget
 * them at once: a deactivated doctor is refused the next booking, not five
 * seconds later. The message names what changed; listeners simply forget.
 */
export const DIRECTORY_CHANNEL = 'directory-changes';

export interface DirectoryChange {
  kind: 'doctor' | 'medical-service' | 'location';
  id: string;
}

export function directoryChannel(prefix: string): string {
  return `${prefix}:${DIRECTORY_CHANNEL}`;
}

export interface DirectoryAnnouncer {
  /** Announces a committed change; never throws (the caches it clears expire on their own within seconds). */
  announce(change: DirectoryChange): Promise<void>;
  close(): Promise<void>;
}

/** How long an announcement may hold up the change it follows while Redis is slow or away. */
const ANNOUNCE_TIMEOUT_MS = 1000;

export function directoryAnnouncer(redisUrl: string, prefix: string, logger: Logger): DirectoryAnnouncer {
  // Connected from the start, and a publish made while (re)connecting waits for it rather than failing at once.
  const redis: Redis = createRedis(redisUrl, { enableOfflineQueue: true }).on('error', () => undefined);
  return {
    async announce(change) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          redis.publish(directoryChannel(prefix), JSON.stringify(change)),
          new Promise(
            (_, reject) =>
              (timer = setTimeout(() => reject(new Error('Redis did not answer in time')), ANNOUNCE_TIMEOUT_MS)),
          ),
        ]);
      } catch (error) {
        logger.warn(
          { err: (error as Error).message, ...change },
          'could not announce a directory change; caches forget it within seconds',
        );
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** Calls `onChange` when a doctor or catalogue service changes (and on every resubscription). */
export function listenForDirectoryChanges(
  redisUrl: string,
  prefix: string,
  logger: Logger,
  onChange: () => void,
): ChannelListener {
  return listenOnChannels(redisUrl, [directoryChannel(prefix)], logger, onChange, 'directory changes');
}
