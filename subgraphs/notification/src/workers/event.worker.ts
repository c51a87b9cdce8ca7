import { DomainEvent, IDLE_WORKER_OPTIONS } from '@carebook/platform';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { ReminderOffset } from '../domain/reminder-offsets';
import { planNotices } from '../domain/notice-plan';
import { EVENT_QUEUE } from './notification-queues';
import type { NoticeScheduler } from './notice-scheduler';

/**
 * Reads the domain events the outbox relays put on the `notification` queue
 * and turns each into log rows and send jobs. Replaying an event is harmless
 * (unique rows, deterministic job ids), so no processed-event mark is needed;
 * a failure (a service or Redis away) is retried by BullMQ with backoff.
 */
export function startEventWorker(options: {
  connection: Redis;
  prefix: string;
  scheduler: NoticeScheduler;
  offsets: ReminderOffset[];
  logger: Logger;
}): Worker<DomainEvent> {
  // The outbox relays are the queue's producers and add each event as createEvent built it: typed here, not
  // parsed per job, since this worker takes a large share of the system's events (a hot path).
  const worker = new Worker<DomainEvent>(
    EVENT_QUEUE,
    async (job) => {
      const event = job.data;
      await options.scheduler.apply(planNotices(event, options.offsets));
    },
    { ...IDLE_WORKER_OPTIONS, connection: options.connection, prefix: options.prefix, concurrency: 4 },
  );
  worker.on('failed', (job, error) =>
    options.logger.warn(
      { eventId: job?.data?.id, type: job?.data?.type, attempt: job?.attemptsMade, err: error.message },
      'event not planned yet; will retry',
    ),
  );
  worker.on('error', (error) => options.logger.warn({ err: error.message }, 'event worker connection problem'));
  return worker;
}
