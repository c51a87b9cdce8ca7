import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

let dotenvLoaded = false;

/** Reads `.env` from the working directory once; real environment variables win. */
export function loadDotenvOnce(): void {
  if (dotenvLoaded) return;
  dotenvLoaded = true;
  loadDotenv({ quiet: true });
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against a zod object whose keys are variable names.
 * Every problem is reported at once, each naming its variable, so a bad start
 * tells the operator exactly what to fix.
 */
export function parseEnv<S extends z.ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const got = env[name];
    const shown = got === undefined ? 'not set' : `got "${/SECRET|PASSWORD|KEY/.test(name) ? '***' : got}"`;
    return `${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(problems);
}

/** Reusable variable types with messages a person can act on. */
export const env = {
  port: (fallback: number) =>
    z.coerce
      .number({ invalid_type_error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be 0..65535')
      .max(65535, 'must be 0..65535')
      .default(fallback),
  url: (schemes: string[], fallback?: string) => {
    const base = z.string().refine(
      (value) => {
        try {
          return schemes.includes(new URL(value).protocol.replace(':', ''));
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    );
    return fallback === undefined ? base : base.default(fallback);
  },
  text: (fallback?: string) =>
    fallback === undefined
      ? z.string().min(1, 'must not be empty')
      : z.string().min(1, 'must not be empty').default(fallback),
  positiveInt: (fallback: number) =>
    z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .positive('must be above 0')
      .default(fallback),
  wholeNumber: (fallback: number) =>
    z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .default(fallback),
  /** Namespace of every Redis key, queue and channel, so stacks (and test runs) can share one Redis. */
  redisPrefix: () =>
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'may only use letters, digits, _ . -')
      .default('carebook'),
  nodeEnv: () => z.enum(['development', 'test', 'production']).default('development'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
