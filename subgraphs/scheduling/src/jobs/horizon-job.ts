import { IDLE_WORKER_OPTIONS, JOB_QUEUES, Logger, workerConnection } from '@carebook/platform';
import { Queue, Worker } from 'bullmq';

export const HORIZON_QUEUE = JOB_QUEUES.schedulingHorizon;
const SCHEDULER_ID = 'extend-horizon';

export interface HorizonJob {
  /** The scheduler is registered (or registering it failed and was logged). */
  ready: Promise<void>;
  queue: Queue;
  close(): Promise<void>;
}

/**
 * A BullMQ repeatable job, once a day, that opens every doctor's slots up to
 * the horizon. upsertJobScheduler keeps one schedule however many instances
 * start; the worker runs in this process.
 */
export function startHorizonJob(options: {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  extend: () => Promise<number>;
  every?: number;
}): HorizonJob {
  const queueConnection = workerConnection(options.redisUrl);
  const workerRedis = workerConnection(options.redisUrl);
  for (const connection of [queueConnection, workerRedis]) connection.on('error', () => undefined);
  const queue = new Queue(HORIZON_QUEUE, { connection: queueConnection, prefix: options.prefix });
  queue.on('error', (error) => options.logger.warn({ err: error.message }, 'horizon queue connection problem'));
  const worker = new Worker(
    HORIZON_QUEUE,
    async () => {
      const opened = await options.extend();
      options.logger.info({ opened }, 'slot horizon extended');
      return { opened };
    },
    { ...IDLE_WORKER_OPTIONS, connection: workerRedis, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('failed', (_job, error) =>
    options.logger.warn(
      { err: error.message },
      'extending the slot horizon failed; it runs again at the next interval',
    ),
  );
  worker.on('error', (error) => options.logger.warn({ err: error.message }, 'horizon worker connection problem'));
  const ready = queue
    .upsertJobScheduler(
      SCHEDULER_ID,
      { every: options.every ?? 24 * 3600 * 1000 },
      { name: SCHEDULER_ID, opts: { removeOnComplete: 10, removeOnFail: 50 } },
    )
    .then(() => undefined)
    .catch((error: Error) => options.logger.warn({ err: error.message }, 'could not register the daily horizon job'));
  return {
    ready,
    queue,
    async close() {
      await worker.close();
      await queue.close();
      queueConnection.disconnect();
      workerRedis.disconnect();
    },
  };
}
