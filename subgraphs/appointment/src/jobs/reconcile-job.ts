import { IDLE_WORKER_OPTIONS, JOB_QUEUES, Logger, workerConnection } from '@carebook/platform';
import { Queue, Worker } from 'bullmq';

export const RECONCILE_QUEUE = JOB_QUEUES.appointmentReconcile;

/**
 * Runs `reconcile` as a BullMQ repeatable job: one schedule shared by every
 * instance (the scheduler id is fixed), each run taken by one worker.
 */
export async function startReconcileJob(options: {
  redisUrl: string;
  prefix: string;
  everyMs: number;
  logger: Logger;
  reconcile: () => Promise<unknown>;
}): Promise<() => Promise<void>> {
  const { redisUrl, prefix, everyMs, logger, reconcile } = options;
  const connection = workerConnection(redisUrl);
  connection.on('error', () => undefined);
  const queue = new Queue(RECONCILE_QUEUE, { connection, prefix });
  queue.on('error', (error) => logger.warn({ err: error.message }, 'reconcile queue problem'));
  await queue.upsertJobScheduler(
    'reconcile-appointments',
    { every: everyMs },
    { name: 'reconcile', opts: { removeOnComplete: 10, removeOnFail: 50 } },
  );
  const workerRedis = workerConnection(redisUrl);
  workerRedis.on('error', () => undefined);
  const worker = new Worker(RECONCILE_QUEUE, () => reconcile(), {
    ...IDLE_WORKER_OPTIONS,
    connection: workerRedis,
    prefix,
    concurrency: 1,
  });
  worker.on('failed', (_job, error) => logger.warn({ err: error }, 'reconciliation failed; the next run retries'));
  worker.on('error', (error) => logger.warn({ err: error.message }, 'reconcile worker problem'));
  return async () => {
    await worker.close();
    await queue.close();
    connection.disconnect();
    workerRedis.disconnect();
  };
}
