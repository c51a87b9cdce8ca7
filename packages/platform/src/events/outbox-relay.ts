import type { MikroORM } from '@mikro-orm/core';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DomainEvent } from './domain-event';
import { isScheduleEvent, queuesFor, SCHEDULE_CHANNEL } from './event-routing';
import { OutboxEvent } from './outbox-event.entity';
import { producerConnection } from './queue-connections';

export interface OutboxRelayOptions {
  orm: MikroORM;
  service: string;
  redisUrl: string;
  /** BullMQ prefix and pub/sub namespace (REDIS_PREFIX). */
  prefix: string;
  logger: Logger;
  pollMs?: number;
  batchSize?: number;
}

export interface OutboxRelay {
  /** Publishes now instead of at the next poll (call after a commit). */
  nudge(): void;
  /** One pass over unpublished events; returns how many went out. */
  drainOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Pub/sub channel of live schedule changes, namespaced by REDIS_PREFIX. */
export function scheduleChannel(prefix: string): string {
  return `${prefix}:${SCHEDULE_CHANNEL}`;
}

/**
 * Publishes outbox rows at least once, in order: to every BullMQ queue that
 * subscribes to the event's type (job id = event id, so a re-publish is a
 * no-op while the job exists) and, for schedule events, on Redis pub/sub.
 * One relay per service holds a short Redis lease so instances do not
 * publish the same rows twice. While Redis is down, rows simply wait.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { orm, service, prefix, logger } = options;
  const pollMs = options.pollMs ?? 500;
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

  const queue = (name: string) => {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: redis, prefix });
      found.on('error', () => undefined);
      queues.set(name, found);
    }
    return found;
  };

  async function holdLease(): Promise<boolean> {
    const taken = await redis.set(leaseKey, instance, 'PX', 10_000, 'NX');
    if (taken) return true;
    if ((await redis.get(leaseKey)) !== instance) return false;
    await redis.pexpire(leaseKey, 10_000);
    return true;
  }

  async function publish(row: OutboxEvent): Promise<void> {
    const event = JSON.parse(row.envelope) as DomainEvent;
    for (const name of queuesFor(event.type)) {
      await queue(name).add(event.type, event, {
        jobId: event.id,
        attempts: 12,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 14 * 24 * 3600 },
      });
    }
    if (isScheduleEvent(event.type)) await redis.publish(scheduleChannel(prefix), JSON.stringify(event));
  }

  async function pass(): Promise<number> {
    // BullMQ waits (forever) for a connection instead of failing; do not start a pass without one.
    if (redis.status !== 'ready') throw new Error(`Redis is not connected (${redis.status})`);
    if (!(await holdLease())) return 0;
    const em = orm.em.fork();
    const rows = await em.find(OutboxEvent, { publishedAt: null }, { orderBy: { position: 'asc' }, limit: batchSize });
    // Published rows are marked in one update per pass (and before giving up on a failure):
    // a crash in between only re-publishes them, which the job id makes a no-op.
    const published: string[] = [];
    const markPublished = async () => {
      if (published.length) await em.nativeUpdate(OutboxEvent, { id: { $in: published } }, { publishedAt: new Date() });
    };
    for (const row of rows) {
      try {
        await withTimeout(publish(row), 5000);
      } catch (error) {
        // Keep order: stop at the first failure and retry from this row next time.
        await markPublished();
        await em.nativeUpdate(OutboxEvent, { id: row.id }, { attempts: row.attempts + 1 });
        // A queue created while Redis was down stays broken; make fresh ones next time.
        for (const broken of queues.values()) void broken.close().catch(() => undefined);
        queues.clear();
        throw error;
      }
      published.push(row.id);
    }
    await markPublished();
    return published.length;
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
      if (!stopped) timer = setTimeout(tick, pollMs);
    });
  };
  tick();

  return {
    nudge: () => void drainOnce(),
    drainOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
      redis.disconnect();
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`publishing took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
