import { env, loadServiceConfig } from '@carebook/platform';
import { z } from 'zod';

/** The auth service's settings beyond the common ones (see .env.example). */
export function loadAuthConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadServiceConfig(
    'auth',
    {
      AUTH_SIGNING_KEY: z.string().optional(),
      AUTH_KEY_FILE: env.text('.data/auth-signing-key.json'),
      ACCESS_TOKEN_TTL_SECONDS: env.positiveInt(15 * 60),
      REFRESH_TOKEN_TTL_DAYS: env.positiveInt(30),
      BOOTSTRAP_ADMIN_EMAIL: z.string().email('must be an email address').optional(),
      BOOTSTRAP_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
      LOGIN_MAX_FAILURES_PER_EMAIL_AND_IP: env.positiveInt(5),
      LOGIN_MAX_FAILURES_PER_IP: env.positiveInt(30),
      LOGIN_FAILURE_WINDOW_SECONDS: env.positiveInt(15 * 60),
      REGISTRATIONS_PER_IP_PER_HOUR: env.positiveInt(20),
      PASSWORD_RESETS_PER_EMAIL_PER_HOUR: env.positiveInt(3),
      PASSWORD_RESETS_PER_IP_PER_HOUR: env.positiveInt(10),
      /** The front end: password-reset links point at <APP_URL>/reset-password?token=… */
      APP_URL: env.url(['http', 'https'], 'http://localhost:5173'),
      /** Where reset links are emailed through: the same server and sender as the notification worker's. */
      SMTP_URL: env.url(['smtp', 'smtps'], 'smtp://127.0.0.1:1025'),
      MAIL_FROM: env.text('Carebook <no-reply@carebook.local>'),
      PROVISIONING_GRACE_SECONDS: env.positiveInt(120),
    },
    source,
  );
}

export type AuthConfig = ReturnType<typeof loadAuthConfig>;
