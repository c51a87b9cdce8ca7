import { createServiceClient, openOrm, workerConnection } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { NotificationConfig } from '../config';
import { entities } from '../entities';
import { Directory, serviceDirectory } from '../clients/directory';
import { migrations } from '../migrations';
import { NotificationLogStore } from '../store/notification-log-store';
import { NoticeScheduler } from './notice-scheduler';
import { SEND_QUEUE } from './notification-queues';

export interface NoticeScheduling {
  orm: MikroORM;
  directory: Directory;
  store: NotificationLogStore;
  scheduler: NoticeScheduler;
  close(): Promise<void>;
}

/**
 * What plans notices: the log's store, the directory of the other services
 * and the send queue. The worker process runs it; the reminders benchmark
 * schedules its reminders through it too (the sends still go through the worker).
 */
export async function openNoticeScheduling(config: NotificationConfig, logger: Logger): Promise<NoticeScheduling> {
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const directory = serviceDirectory(createServiceClient(config.serviceKeys, config.env));
  const store = new NotificationLogStore(orm.em);
  // Waits out a Redis outage like the workers do; the queue's errors surface as failed (retried) jobs.
  const connection: Redis = workerConnection(config.redisUrl);
  connection.on('error', () => undefined);
  const queue = new Queue(SEND_QUEUE, { connection, prefix: config.redisPrefix });
  queue.on('error', () => undefined);
  const { extra } = config;
  const scheduler = new NoticeScheduler(
    store,
    directory,
    queue,
    { attempts: extra.NOTIFICATION_MAX_ATTEMPTS, delayMs: extra.NOTIFICATION_RETRY_DELAY_MS },
    () => config.reminderOffsets.map((o) => o.name),
  );
  return {
    orm,
    directory,
    store,
    scheduler,
    async close() {
      await queue.close();
      connection.disconnect();
      await orm.close(true);
    },
  };
}
