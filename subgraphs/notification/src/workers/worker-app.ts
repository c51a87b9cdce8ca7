import { createLogger, createServiceClient, openOrm, workerConnection } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { Queue, Worker } from 'bullmq';
import type { NotificationConfig } from '../config';
import { smtpEmailSender } from '../delivery/email-sender';
import { NoticeDeliverer } from '../delivery/notice-deliverer';
import { httpSmsProvider, logSmsProvider, SmsProvider } from '../delivery/sms-provider';
import { entities } from '../entities';
import { serviceDirectory } from '../lookups/directory';
import { migrations } from '../migrations';
import { NotificationLogStore } from '../store/notification-log-store';
import { startEventWorker } from './event.worker';
import { NoticeScheduler } from './notice-scheduler';
import { SEND_QUEUE } from './notification-queues';
import { startSendWorker } from './send.worker';

export interface RunningWorkers {
  orm: MikroORM;
  scheduler: NoticeScheduler;
  workers: Worker[];
  stop(): Promise<void>;
}

/** No send waits longer than nodemailer's timeouts (about 40 s); a claim older than this was left by a dead process. */
const CLAIM_TIMEOUT_MS = 60_000;

/**
 * The worker process: consumes the `notification` event queue and sends
 * what is due on the send queue, email over pooled SMTP and SMS through the
 * configured provider. Stateless: run as many as needed.
 */
export async function startNotificationWorkers(config: NotificationConfig): Promise<RunningWorkers> {
  const logger = createLogger('notification-worker', config.logLevel);
  const { extra } = config;
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const client = createServiceClient('notification', config.auth.serviceSecret, config.env);
  const directory = serviceDirectory(client);
  const store = new NotificationLogStore(orm.em);
  const email = smtpEmailSender(extra.SMTP_URL, extra.MAIL_FROM, extra.SMTP_POOL_SIZE);
  const sms: SmsProvider =
    extra.SMS_PROVIDER === 'http'
      ? httpSmsProvider({ baseUrl: extra.SMS_BASE_URL, accountSid: extra.SMS_ACCOUNT_SID, authToken: extra.SMS_AUTH_TOKEN, from: extra.SMS_FROM })
      : logSmsProvider(logger);
  // Workers block on Redis; the queue (for adding jobs) gets its own connection.
  const queueConnection = workerConnection(config.redisUrl);
  const eventConnection = workerConnection(config.redisUrl);
  const sendConnection = workerConnection(config.redisUrl);
  for (const c of [queueConnection, eventConnection, sendConnection]) c.on('error', () => undefined); // reported by the workers' own error events
  const sendQueue = new Queue(SEND_QUEUE, { connection: queueConnection, prefix: config.redisPrefix });
  sendQueue.on('error', () => undefined);
  const scheduler = new NoticeScheduler(store, directory, sendQueue, { attempts: extra.NOTIFICATION_MAX_ATTEMPTS, delayMs: extra.NOTIFICATION_RETRY_DELAY_MS }, () => config.reminderOffsets.map((o) => o.name));
  const deliverer = new NoticeDeliverer({ store, directory, email, sms, timeZone: extra.CLINIC_TIME_ZONE, logger, claimTimeoutMs: CLAIM_TIMEOUT_MS });
  const workers = [
    startEventWorker({ connection: eventConnection, prefix: config.redisPrefix, scheduler, offsets: config.reminderOffsets, logger }),
    startSendWorker({ connection: sendConnection, prefix: config.redisPrefix, deliverer, concurrency: extra.NOTIFICATION_CONCURRENCY, logger }),
  ];
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  logger.info({ offsets: config.reminderOffsets.map((o) => o.name), sms: sms.name }, 'notification workers ready');
  return {
    orm,
    scheduler,
    workers,
    async stop() {
      // Finish the sends in hand (their claims must end SENT or QUEUED), then let go of everything.
      await Promise.all(workers.map((w) => w.close()));
      await sendQueue.close();
      email.close();
      for (const c of [queueConnection, eventConnection, sendConnection]) c.disconnect();
      await orm.close(true);
    },
  };
}
