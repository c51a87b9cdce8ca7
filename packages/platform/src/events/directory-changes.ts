import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createRedis, Redis } from '../redis';
import { Acknowledged, acknowledgementChannel, ChannelListener, listenOnChannels } from './channel-listener';
import { within } from './within';

/**
 * The doctor service announces that a doctor or a catalogue service changed
 * (deactivated, retired, new rules, new price), or a location (its zone), on Redis pub/sub, so the
 * services and the gateway that cache such facts for a few seconds forget
 * them at once: a deactivated doctor is refused the next booking, not five
 * seconds later. The message names what changed; listeners simply forget.
 *
 * "At once" means before the change's request is answered: Redis hands a
 * message to its subscribers' sockets, not to their code, so a listener
 * whose process is busy (or whose bytes are late) could still answer the
 * next request from what it kept. Each announcement therefore carries a
 * token that every listener sends back once it has forgotten (any
 * `listenOnChannels` does, the gateway's too); the announcer waits for as
 * many as Redis said received the message, for a bounded time.
 */
export const DIRECTORY_CHANNEL = 'directory-changes';

export interface DirectoryChange {
  kind: 'doctor' | 'medical-service' | 'location';
  id: string;
}

/** What travels on the channel: the change, and the token its listeners acknowledge with. */
type Announcement = DirectoryChange & Acknowledged;

export function directoryChannel(prefix: string): string {
  return `${prefix}:${DIRECTORY_CHANNEL}`;
}

const ackChannel = (prefix: string) => acknowledgementChannel(directoryChannel(prefix));

export interface DirectoryAnnouncer {
  /**
   * Announces a committed change and resolves once every listener has
   * forgotten it (or the wait's bound passed); never throws (the caches it
   * clears expire on their own within seconds).
   */
  announce(change: DirectoryChange): Promise<void>;
  /** True while acknowledgements can be heard: only then does `announce` wait for them. */
  live(): boolean;
  close(): Promise<void>;
}

export interface AnnouncerTimings {
  /** How long an announcement may hold up the change it follows while Redis is slow or away. */
  publishMs: number;
  /** How long it waits for the listeners' acknowledgements once Redis took it: a listener may have died unheard. */
  acknowledgeMs: number;
}

const DEFAULT_TIMINGS: AnnouncerTimings = { publishMs: 1000, acknowledgeMs: 3000 };

export function directoryAnnouncer(
  redisUrl: string,
  prefix: string,
  logger: Logger,
  timings: AnnouncerTimings = DEFAULT_TIMINGS,
): DirectoryAnnouncer {
  // Connected from the start, and a publish made while (re)connecting waits for it rather than failing at once.
  const redis: Redis = createRedis(redisUrl, { enableOfflineQueue: true }).on('error', () => undefined);
  const acks = acknowledgements(redisUrl, prefix, logger);
  return {
    async announce(change) {
      const token = randomUUID();
      // Registered before publishing: a quick listener's acknowledgement may come before PUBLISH's answer.
      const heard = acks.expect(token);
      try {
        const listeners = await within(
          redis.publish(directoryChannel(prefix), JSON.stringify({ ...change, ack: token } satisfies Announcement)),
          timings.publishMs,
          'Redis did not answer in time',
        );
        // Only a live acknowledgement subscription hears them; without it, waiting would only slow the change down.
        if (acks.live())
          await within(heard.count(listeners), timings.acknowledgeMs, 'not every listener acknowledged in time');
      } catch (error) {
        logger.warn(
          { err: (error as Error).message, ...change },
          'could not announce a directory change to every listener; their caches forget it within seconds',
        );
      } finally {
        heard.done();
      }
    },
    live: () => acks.live(),
    async close() {
      redis.disconnect();
      await acks.close();
    },
  };
}

/** The acknowledgements an announcer is waiting for, by token. */
function acknowledgements(redisUrl: string, prefix: string, logger: Logger) {
  const waiting = new Map<string, { heard: number; wanted: number; resolve: () => void }>();
  const subscription = listenOnChannels(
    redisUrl,
    [ackChannel(prefix)],
    logger,
    (token) => {
      const entry = token === undefined ? undefined : waiting.get(token);
      if (!entry) return;
      entry.heard += 1;
      if (entry.heard >= entry.wanted) entry.resolve();
    },
    'directory acknowledgements',
  );
  return {
    live: () => subscription.live(),
    expect(token: string) {
      const entry = { heard: 0, wanted: Infinity, resolve: () => undefined as void };
      const all = new Promise<void>((resolve) => (entry.resolve = resolve));
      waiting.set(token, entry);
      return {
        /** Resolves once `wanted` listeners have acknowledged. */
        count(wanted: number): Promise<void> {
          entry.wanted = wanted;
          if (entry.heard >= wanted) entry.resolve();
          return all;
        },
        done: () => waiting.delete(token),
      };
    },
    close: () => subscription.close(),
  };
}

/** Calls `onChange` when a doctor or catalogue service changes (and on every resubscription); the listener acknowledges each. */
export function listenForDirectoryChanges(
  redisUrl: string,
  prefix: string,
  logger: Logger,
  onChange: () => void,
): ChannelListener {
  return listenOnChannels(redisUrl, [directoryChannel(prefix)], logger, onChange, 'directory changes');
}
