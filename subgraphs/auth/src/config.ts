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
      LOGIN_MAX_FAILURES_PER_EMAIL: env.positiveInt(5),
      LOGIN_MAX_FAILURES_PER_IP: env.positiveInt(30),
      LOGIN_FAILURE_WINDOW_SECONDS: env.positiveInt(15 * 60),
      PROVISIONING_GRACE_SECONDS: env.positiveInt(120),
    },
    source,
  );
}

export type AuthConfig = ReturnType<typeof loadAuthConfig>;
