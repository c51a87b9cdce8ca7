import { createLogger, workerConnection } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { Worker } from 'bullmq';
import type { NotificationConfig } from '../config';
import { smtpEmailSender } from '../delivery/email-sender';
import { NoticeDeliverer } from '../delivery/notice-deliverer';
import { SendSlots } from '../delivery/send-slots';
import { httpSmsProvider, logSmsProvider, SmsProvider } from '../delivery/sms-provider';
import { startEventWorker } from './event.worker';
import type { NoticeScheduler } from './notice-scheduler';
import { openNoticeScheduling } from './notice-scheduling';
import { startSendWorker } from './send.worker';
import { warmUp } from './warm-up';

export interface RunningWorkers {
  orm: MikroORM;
  scheduler: NoticeScheduler;
  workers: Worker[];
  stop(): Promise<void>;
}

/** A live send gets its answer within nodemailer's 20 s idle timeout; a message handed over longer ago without one was sent by a dead process. */
const CLAIM_TIMEOUT_MS = 30_000;
/** SMS requests in flight at once (providers rate-limit per account). */
const SMS_IN_FLIGHT = 10;

/**
 * The worker process: consumes the `notification` event queue and sends
 * what is due on the send queue, email over pooled SMTP and SMS through the
 * configured provider. Stateless: run as many as needed.
 */
export async function startNotificationWorkers(config: NotificationConfig): Promise<RunningWorkers> {
  const logger = createLogger('notification-worker', config.logLevel);
  const { extra } = config;
  const scheduling = await openNoticeScheduling(config, logger);
  const email = smtpEmailSender(extra.SMTP_URL, extra.MAIL_FROM, extra.SMTP_POOL_SIZE);
  const sms: SmsProvider =
    extra.SMS_PROVIDER === 'http'
      ? httpSmsProvider({
          baseUrl: extra.SMS_BASE_URL,
          accountSid: extra.SMS_ACCOUNT_SID,
          authToken: extra.SMS_AUTH_TOKEN,
          from: extra.SMS_FROM,
        })
      : logSmsProvider(logger);
  // Each worker blocks on its own Redis connection.
  const connections = [workerConnection(config.redisUrl), workerConnection(config.redisUrl)];
  for (const c of connections) c.on('error', () => undefined); // reported by the workers' own error events
  const deliverer = new NoticeDeliverer({
    store: scheduling.store,
    directory: scheduling.directory,
    email,
    sms,
    timeZone: extra.CLINIC_TIME_ZONE,
    appUrl: extra.APP_URL,
    logger,
    claimTimeoutMs: CLAIM_TIMEOUT_MS,
    emailSlots: new SendSlots(extra.SMTP_POOL_SIZE),
    smsSlots: new SendSlots(SMS_IN_FLIGHT),
  });
  // Before the first job: a worker (re)started into a peak of due reminders meets it ready.
  await warmUp({
    email,
    sql: scheduling.sql,
    directory: scheduling.directory,
    connections: extra.SMTP_POOL_SIZE,
    timeZone: extra.CLINIC_TIME_ZONE,
    appUrl: extra.APP_URL,
    logger,
  });
  const workers = [
    startEventWorker({
      connection: connections[0],
      prefix: config.redisPrefix,
      scheduler: scheduling.scheduler,
      offsets: config.reminderOffsets,
      logger,
    }),
    startSendWorker({
      connection: connections[1],
      prefix: config.redisPrefix,
      deliverer,
      concurrency: extra.NOTIFICATION_CONCURRENCY,
      logger,
    }),
  ];
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  logger.info({ offsets: config.reminderOffsets.map((o) => o.name), sms: sms.name }, 'notification workers ready');
  return {
    orm: scheduling.orm,
    scheduler: scheduling.scheduler,
    workers,
    async stop() {
      // Finish the sends in hand (their claims must end SENT or QUEUED), then let go of everything.
      await Promise.all(workers.map((w) => w.close()));
      email.close();
      for (const c of connections) c.disconnect();
      await scheduling.close();
    },
  };
}
