import type { MikroORM } from '@mikro-orm/core';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import { listenOnChannels } from './channel-listener';
import type { DomainEvent } from './domain-event';
import { isScheduleEvent, queuesFor, SCHEDULE_CHANNEL } from './event-routing';
import { signEvent } from './event-signature';
import { OutboxEvent } from './outbox-event.entity';
import { producerConnection } from './queue-connections';
import type { SqlPool } from '../orm/sql-pool';
import { within } from './within';

export interface OutboxRelayOptions {
  orm: MikroORM;
  service: string;
  redisUrl: string;
  /** BullMQ prefix and pub/sub namespace (REDIS_PREFIX). */
  prefix: string;
  logger: Logger;
  /** The safety-net pass (rows a crashed instance left, or a nudged pass that failed; default 10 s); nudges do the real work. */
  pollMs?: number;
  batchSize?: number;
  /** The service's own key (ServiceKeys.privateKey): queued events are signed with it (event-signature.ts). */
  signingKey?: KeyObject;
  /** On MariaDB, the service's plain SQL pool: each pass reads and marks its rows with two prepared statements. */
  sql?: SqlPool | null;
}

/** How long the publishing lease lasts without renewal (an instance that dies holding it blocks others this long). */
const LEASE_MS = 10_000;

/**
 * How long published rows wait to be marked with the next pass's read before a pass of their own marks them. Under
 * load a pass comes with every commit, well within it; a crash meanwhile re-publishes them (a no-op on the queues).
 */
const MARK_DELAY_MS = 50;

/** While publishing fails (Redis away), passes are retried this often, so events go out soon after it is back. */
const RETRY_MS = 1000;
/** How long one event's publishing may take before the pass gives up on it (Redis slow or away). */
const PUBLISH_TIMEOUT_MS = 5000;

export interface OutboxRelay {
  /** Publishes now instead of at the next poll (call after a commit). */
  nudge(): void;
  /** One pass over unpublished events; returns how many went out. */
  drainOnce(): Promise<number>;
  /** Resolves once the relay is connected, listens for hand-ons and has drained after both (tests wait for it). */
  listening(): Promise<void>;
  stop(): Promise<void>;
}

/** Pub/sub channel of live schedule changes, namespaced by REDIS_PREFIX. */
/**
 * How every published event is queued: a failed try (a consumer's service
 * down, a unique-key race with a concurrent request) is retried with backoff
 * for about an hour before the job is kept as failed. Tests that push jobs
 * themselves use these too, so they see what a consumer sees in production.
 */
export const EVENT_JOB_OPTIONS = {
  attempts: 12,
  backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

export function scheduleChannel(prefix: string): string {
  return `${prefix}:${SCHEDULE_CHANNEL}`;
}

/** Where an instance without the lease asks the one holding it to publish (pub/sub). */
function nudgeChannel(prefix: string, service: string): string {
  return `${prefix}:outbox-nudge:${service}`;
}

/**
 * Publishes outbox rows at least once, in order: to every BullMQ queue that
 * subscribes to the event's type (job id = event id, so a re-publish is a
 * no-op while the job exists) and, for schedule events, on Redis pub/sub.
 * One relay per service holds a short Redis lease so instances do not
 * publish the same rows twice. While Redis is down, rows simply wait.
 *
 * It wakes on events, not by polling: the service nudges it after each
 * commit; an instance without the lease passes the nudge on over pub/sub to
 * the one holding it; every (re)subscription drains too (rows written while
 * Redis was away). A slow safety-net pass (`pollMs`) catches what a crashed
 * instance committed and never published, so an idle service costs nearly
 * nothing.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { orm, service, prefix, logger } = options;
  // Every 10 s, not a minute: a nudged pass that fails under load (a slow publish, a lease glitch) is
  // retried by this sweep; at a minute, CI saw live schedule changes arrive after the 10 s a client waits.
  const pollMs = options.pollMs ?? 10_000;
  const batchSize = options.batchSize ?? 200;
  const redis: Redis = producerConnection(options.redisUrl);
  redis.on('error', () => undefined); // reported through failed passes, not per reconnect attempt
  const queues = new Map<string, Queue>();
  const leaseKey = `${prefix}:outbox-relay:${service}`;
  const instance = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;
  let failingSince = 0;
  let lastWarning = 0;
  /** The last pass found another instance holding the lease. */
  let leaseElsewhere = false;
  const store = options.sql ? sqlOutbox(options.sql) : ormOutbox(orm);
  /** Rows published and not yet marked so: the next pass marks them with its read (one round trip for both). */
  const unmarked: string[] = [];
  let markTimer: NodeJS.Timeout | undefined;

  const queue = (name: string) => {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: redis, prefix });
      found.on('error', () => undefined);
      queues.set(name, found);
    }
    return found;
  };

  // Take the lease, or renew it when this instance holds it: one round trip (it was SET NX, GET and PEXPIRE).
  redis.defineCommand('carebookHoldLease', {
    numberOfKeys: 1,
    lua: `if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
      if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
      return 0`,
  });
  const leaseCommands = redis as Redis & {
    carebookHoldLease(key: string, holder: string, ttlMs: number): Promise<number>;
  };

  /** Until when this instance may publish without renewing: a third of the lease after it last took or renewed it. */
  let heldUntil = 0;

  async function holdLease(): Promise<boolean> {
    // A pass right after another (one per commit under load) needs no round trip to learn what it knew a moment
    // ago: renewed at most every third of the lease, it never lapses while held. Only a held lease is trusted
    // this way; one held elsewhere is asked about on every pass, so a hand-over is noticed as soon as it lapses.
    if (Date.now() < heldUntil) return true;
    const asked = Date.now();
    const held = (await leaseCommands.carebookHoldLease(leaseKey, instance, LEASE_MS)) === 1;
    heldUntil = held ? asked + LEASE_MS / 3 : 0;
    return held;
  }

  async function publish(row: OutboxRow): Promise<void> {
    const event = JSON.parse(row.envelope) as DomainEvent;
    const names = queuesFor(event);
    const job = options.signingKey && names.length ? signEvent(event, options.signingKey) : event;
    // The event's queues at once (one round trip's wait, not one per queue); the order that matters is each
    // queue's own, kept by publishing the rows one after another.
    await Promise.all(names.map((name) => queue(name).add(event.type, job, { jobId: event.id, ...EVENT_JOB_OPTIONS })));
    if (isScheduleEvent(event.type)) await redis.publish(scheduleChannel(prefix), JSON.stringify(event));
  }

  async function pass(): Promise<number> {
    // BullMQ waits (forever) for a connection instead of failing; do not start a pass without one.
    if (redis.status !== 'ready') throw new Error(`Redis is not connected (${redis.status})`);
    leaseElsewhere = !(await holdLease());
    // The rows the last pass published are marked with this pass's read, in the same round trip.
    const carried = takeUnmarked();
    let rows: OutboxRow[];
    try {
      if (leaseElsewhere) {
        if (carried.length) await store.markPublished(carried);
        return 0;
      }
      rows = await store.unpublished(batchSize, carried);
    } catch (error) {
      // Still to mark: by the next pass.
      unmarked.unshift(...carried);
      throw error;
    }
    // Published rows are marked by the next pass, or by a pass of their own MARK_DELAY_MS later (and at once
    // before giving up on a failure): a crash in between only re-publishes them, which the job id makes a no-op.
    const published: string[] = [];
    const markPublished = async () => {
      if (published.length) await store.markPublished(published);
    };
    for (const row of rows) {
      try {
        await within(publish(row), PUBLISH_TIMEOUT_MS, `publishing took longer than ${PUBLISH_TIMEOUT_MS} ms`);
      } catch (error) {
        // Keep order: stop at the first failure and retry from this row next time.
        await markPublished();
        await store.countAttempt(row);
        // A queue created while Redis was down stays broken; make fresh ones next time.
        for (const broken of queues.values()) void broken.close().catch(() => undefined);
        queues.clear();
        // Redis may have come back empty (it keeps nothing on disk): ask for the lease again before trusting it.
        heldUntil = 0;
        throw error;
      }
      published.push(row.id);
    }
    if (published.length) {
      unmarked.push(...published);
      markTimer ??= setTimeout(() => {
        markTimer = undefined;
        void drainOnce();
      }, MARK_DELAY_MS);
    }
    return published.length;
  }

  /** The published rows still to mark, handed to the pass that marks them. */
  function takeUnmarked(): string[] {
    if (markTimer) clearTimeout(markTimer);
    markTimer = undefined;
    return unmarked.splice(0);
  }

  function drainOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .then((published) => {
        failingSince = 0;
        return published;
      })
      .catch((error) => {
        // Quiet while Redis is merely connecting at start; then a warning every 10 s while it stays away.
        const now = Date.now();
        failingSince ||= now;
        if (now - failingSince > 3000 && now - lastWarning > 10_000) {
          lastWarning = now;
          logger.warn({ err: (error as Error).message }, 'outbox relay could not publish; events wait in the outbox');
        }
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void drainOnce();
        }
      });
    return running;
  }

  const tick = () => {
    if (stopped) return;
    void drainOnce().finally(() => {
      // A failure with Redis connected is retried soon; while it is away, its return ('ready' below) drains.
      const retrySoon = failingSince && redis.status === 'ready';
      if (!stopped) timer = setTimeout(tick, retrySoon ? Math.min(pollMs, RETRY_MS) : pollMs);
    });
  };
  tick();
  let connected!: () => void;
  const drainedOnConnect = new Promise<void>((resolve) => (connected = resolve));
  redis.on('ready', () => void drainOnce().finally(connected));

  // Nudges passed on by instances without the lease; a (re)subscription drains as well.
  const channel = nudgeChannel(prefix, service);
  let subscribed!: () => void;
  const drainedOnSubscribe = new Promise<void>((resolve) => (subscribed = resolve));
  const listening = Promise.all([drainedOnConnect, drainedOnSubscribe]).then(() => undefined);
  const nudges = listenOnChannels(
    options.redisUrl,
    [channel],
    logger,
    () => void drainOnce().finally(subscribed),
    'outbox nudges',
  );

  /** After a commit here: publish now, or have the instance holding the lease do it. */
  function nudge(): void {
    void drainOnce().then(() => {
      if (leaseElsewhere && !stopped) void redis.publish(channel, service).catch(() => undefined);
    });
  }

  return {
    nudge,
    drainOnce,
    listening: () => listening,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await nudges.close();
      await running;
      const left = takeUnmarked();
      if (left.length) await store.markPublished(left).catch(() => undefined);
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
      redis.disconnect();
    },
  };
}

/** The outbox columns a pass reads. */
type OutboxRow = Pick<OutboxEvent, 'id' | 'envelope' | 'attempts'>;

/** Where a pass reads its rows and marks them: the entity manager (MongoDB) or plain SQL (MariaDB). */
interface OutboxRows {
  /** Marks `published` (rows the last pass published), then reads the next unpublished rows. */
  unpublished(limit: number, published: string[]): Promise<OutboxRow[]>;
  markPublished(ids: string[]): Promise<void>;
  countAttempt(row: OutboxRow): Promise<void>;
}

function ormOutbox(orm: MikroORM): OutboxRows {
  // A fresh entity manager per operation: the relay lives as long as its service, and one fork kept for it would
  // keep every outbox row it ever read in its identity map.
  const em = () => orm.em.fork();
  const markPublished = async (ids: string[]) => {
    await em().nativeUpdate(OutboxEvent, { id: { $in: ids } }, { publishedAt: new Date() });
  };
  return {
    unpublished: async (limit, published) => {
      if (published.length) await markPublished(published);
      return em().find(OutboxEvent, { publishedAt: null }, { orderBy: { position: 'asc' }, limit });
    },
    markPublished,
    countAttempt: async (row) => {
      await em().nativeUpdate(OutboxEvent, { id: row.id }, { attempts: row.attempts + 1 });
    },
  };
}

function sqlOutbox(sql: SqlPool): OutboxRows {
  // On the (published_at, position) index, as the entity manager's query. The limit is written out: a
  // prepared statement's LIMIT takes no parameter MySQL 8 accepts from mysql2 (it sends numbers as doubles).
  const next = (limit: number) =>
    `select id, envelope, attempts from outbox_events where published_at is null order by position asc limit ${Math.trunc(limit)}`;
  const marking = (ids: string[]) =>
    [
      `update outbox_events set published_at = ? where id in (${ids.map(() => '?').join(', ')})`,
      [new Date(), ...ids],
    ] as const;
  return {
    unpublished: async (limit, published) => {
      if (!published.length) return sql.rows<OutboxRow>(next(limit), []);
      const [, rows] = await sql.batch([marking(published), [next(limit), []]]);
      return rows as OutboxRow[];
    },
    markPublished: async (ids) => {
      await sql.run(...marking(ids));
    },
    countAttempt: async (row) => {
      await sql.run('update outbox_events set attempts = attempts + 1 where id = ?', [row.id]);
    },
  };
}
