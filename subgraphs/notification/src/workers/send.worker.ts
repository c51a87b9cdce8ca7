import { IDLE_WORKER_OPTIONS } from '@carebook/platform';
import { DelayedError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { NoticeDeliverer, RetryLater } from '../delivery/notice-deliverer';
import { SEND_QUEUE } from './notification-queues';
import type { SendJob } from './notice-scheduler';

/** How long a send job's lock lasts; short, so a killed worker's jobs are picked up again within seconds. */
export const SEND_LOCK_MS = 10_000;

/**
 * Sends notices and, when their delay is up, reminders. Many sends run at
 * once (they mostly wait on SMTP and lookups). The last attempt marks what
 * still fails FAILED in the log.
 */
export function startSendWorker(options: {
  connection: Redis;
  prefix: string;
  deliverer: NoticeDeliverer;
  concurrency: number;
  logger: Logger;
}): Worker<SendJob> {
  // The notice scheduler is the queue's one producer and adds a SendJob per job: typed here, not parsed per
  // job, since sends are many (a hot path). The deliverer sends only what the log still holds QUEUED.
  const worker = new Worker<SendJob>(
    SEND_QUEUE,
    async (job, token) => {
      const attempts = job.opts.attempts ?? 1;
      try {
        await options.deliverer.deliver(job.data, job.attemptsMade + 1 >= attempts);
      } catch (error) {
        if (!(error instanceof RetryLater)) throw error;
        // Not a failed attempt: come back when the other try must have finished.
        await job.moveToDelayed(error.notBefore.getTime(), token);
        throw new DelayedError();
      }
    },
    {
      ...IDLE_WORKER_OPTIONS,
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: SEND_LOCK_MS,
      // A killed worker's sends are taken over within two lock lengths, with one stalled-job check (a Redis script) per lock length.
      stalledInterval: SEND_LOCK_MS,
      maxStalledCount: 2,
    },
  );
  worker.on('failed', (job, error) =>
    options.logger.warn(
      { appointmentId: job?.data?.appointmentId, kind: job?.data?.kind, attempt: job?.attemptsMade, err: error.name },
      'notice not (fully) sent; will retry unless attempts are used up',
    ),
  );
  worker.on('error', (error) => options.logger.warn({ err: error.message }, 'send worker connection problem'));
  return worker;
}
