import { createServiceClient, openOrm, openSqlPool, type SqlPool, workerConnection } from '@carebook/platform';
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
  /** The store's pool (the workers open its connections before their first job). */
  sql: SqlPool;
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
  // The notification store is MariaDB only (openOrm above refuses other URLs), so the pool is always there.
  const sql = openSqlPool(config.databaseUrl)!;
  const store = new NotificationLogStore(sql);
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
    sql,
    scheduler,
    async close() {
      await queue.close();
      connection.disconnect();
      await sql.close();
      await orm.close(true);
    },
  };
}
