import { clinicTimeZoneSchema, ConfigError, env, loadServiceConfig } from '@carebook/platform';
import { z } from 'zod';
import { parseOffsets } from './domain/reminder-offsets';

/**
 * The notification service's settings beyond the common ones (see
 * .env.example). The subgraph and the worker process read the same set.
 */
export function loadNotificationConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig(
    'notification',
    {
      CLINIC_TIME_ZONE: clinicTimeZoneSchema(),
      /** Where email goes: Mailpit in docker-compose, the clinic's relay in production. */
      SMTP_URL: env.url(['smtp', 'smtps'], 'smtp://127.0.0.1:1025'),
      MAIL_FROM: env.text('Carebook <no-reply@carebook.local>'),
      /** The patient web app (pnpm start serves it on 5173): emails link to the appointment, the invoice, the feedback form. */
      APP_URL: env.url(['http', 'https'], 'http://localhost:5173'),
      /** Parallel SMTP connections the worker keeps open (nodemailer pool). */
      SMTP_POOL_SIZE: env.positiveInt(10),
      SMS_PROVIDER: z.enum(['log', 'http'], { message: 'must be log or http' }).default('log'),
      /** Twilio-style REST API root: messages are POSTed to {SMS_BASE_URL}/Accounts/{SMS_ACCOUNT_SID}/Messages.json. */
      SMS_BASE_URL: env.url(['http', 'https'], 'https://api.twilio.com/2010-04-01'),
      SMS_ACCOUNT_SID: z.string().default(''),
      SMS_AUTH_TOKEN: z.string().default(''),
      SMS_FROM: z.string().default('Carebook'),
      /** Comma-separated durations before the appointment, e.g. `24h,1h` or `2m`. */
      REMINDER_OFFSETS: z
        .string()
        .default('24h,1h')
        .refine((value) => parseOffsets(value) !== null, 'must be comma-separated durations like 24h,1h,30m,90s'),
      /** Tries per notice before it is logged FAILED; retries back off exponentially from NOTIFICATION_RETRY_DELAY_MS. */
      NOTIFICATION_MAX_ATTEMPTS: env.positiveInt(6),
      NOTIFICATION_RETRY_DELAY_MS: env.positiveInt(2000),
      /** Sends in flight per worker process. */
      NOTIFICATION_CONCURRENCY: env.positiveInt(100),
    },
    source,
  );
  const { extra } = config;
  if (extra.SMS_PROVIDER === 'http' && (!extra.SMS_ACCOUNT_SID || !extra.SMS_AUTH_TOKEN)) {
    throw new ConfigError(['SMS_ACCOUNT_SID and SMS_AUTH_TOKEN: must be set when SMS_PROVIDER=http']);
  }
  return { ...config, reminderOffsets: parseOffsets(extra.REMINDER_OFFSETS)! };
}

export type NotificationConfig = ReturnType<typeof loadNotificationConfig>;
