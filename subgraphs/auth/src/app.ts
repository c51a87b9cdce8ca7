import {
  createLogger,
  createRedis,
  createRevocationWriter,
  createServiceClient,
  mountInternalRoutes,
  openOrm,
  RunningService,
  startSubgraph,
} from '@carebook/platform';
import { createLocalJWKSet } from 'jose';
import type { AuthConfig } from './config';
import { createBackgroundTasks } from './use-cases/background-tasks';
import { ensureBootstrapAdmin } from './use-cases/bootstrap-admin';
import type { AuthHooks } from './use-cases/login';
import { createLoginThrottle } from './store/login-throttle';
import { reconcileUnprovisionedUsers, scheduleReconciler } from './use-cases/provisioning-reconciler';
import { createRequestQuotas } from './store/request-quota';
import { loadSigningKey } from './use-cases/signing-keys';
import { entities } from './entities';
import { authInternalRoutes } from './internal/routes';
import { smtpMailer } from './mail/mailer';
import { migrations } from './migrations';
import { buildAuthSchema } from './schema';

/** Revocations outlive the tokens they void by this much, for clocks that differ between processes. */
const REVOCATION_CLOCK_MARGIN_MS = 60_000;
const HOUR = 3600;

/** Starts the auth subgraph: store, signing key, bootstrap admin, JWKS, GraphQL. `hooks` lets tests observe it. */
export async function startAuth(
  config: AuthConfig,
  hooks?: AuthHooks,
): Promise<RunningService & { reconcile(): Promise<number> }> {
  const logger = createLogger('auth', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const key = await loadSigningKey(config);
  const redis = createRedis(config.redisUrl, { keyPrefix: `${config.redisPrefix}:` });
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
  // Throttles refuse what they cannot count: be connected before the first request (or go on after a while, refusing).
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const services = createServiceClient(config.serviceKeys, config.env);
  const { extra } = config;
  const revocations = createRevocationWriter(
    config.redisUrl,
    config.redisPrefix,
    extra.ACCESS_TOKEN_TTL_SECONDS * 1000 + REVOCATION_CLOCK_MARGIN_MS,
  );
  const mailer = smtpMailer(extra.SMTP_URL, extra.MAIL_FROM);
  const background = createBackgroundTasks(logger);

  await ensureBootstrapAdmin(orm.em.fork(), extra.BOOTSTRAP_ADMIN_EMAIL, extra.BOOTSTRAP_ADMIN_PASSWORD, logger);

  const schema = await buildAuthSchema({
    sessions: {
      key,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      ttlSeconds: extra.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlDays: extra.REFRESH_TOKEN_TTL_DAYS,
    },
    throttle: createLoginThrottle(
      redis,
      {
        maxPerEmailAndIp: extra.LOGIN_MAX_FAILURES_PER_EMAIL_AND_IP,
        maxPerIp: extra.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: extra.LOGIN_FAILURE_WINDOW_SECONDS,
      },
      logger,
    ),
    quotas: createRequestQuotas(redis, logger),
    limits: {
      registration: {
        name: 'registration:address',
        label: 'Registration',
        limit: extra.REGISTRATIONS_PER_IP_PER_HOUR,
        windowSeconds: HOUR,
        message: 'Too many accounts were opened from your network address.',
      },
      resetPerAddress: {
        name: 'password-reset:address',
        label: 'Password reset',
        limit: extra.PASSWORD_RESETS_PER_IP_PER_HOUR,
        windowSeconds: HOUR,
        message: 'Too many password resets were asked from your network address.',
      },
      resetPerEmail: {
        name: 'password-reset:email',
        label: 'Password reset',
        limit: extra.PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
        windowSeconds: HOUR,
        message: 'Too many password resets were asked for this email; use the link already sent.',
      },
    },
    revocations,
    mailer,
    appUrl: extra.APP_URL,
    background,
    services,
    logger,
    hooks,
  });

  const reconcile = () => reconcileUnprovisionedUsers(orm, services, extra.PROVISIONING_GRACE_SECONDS, logger);
  const stopReconciler = scheduleReconciler(reconcile, 60_000, logger);

  const running = await startSubgraph({
    config,
    schema,
    orm,
    logger,
    keySet: createLocalJWKSet({ keys: [key.publicJwk] }),
    routes: (app, callers) => {
      // Public keys only; verifiers cache them (jose's remote JWKS), so allow caches too.
      app.get('/.well-known/jwks.json', (_req, res) => {
        res.set('cache-control', 'public, max-age=300').json({ keys: [key.publicJwk] });
      });
      mountInternalRoutes(app, callers, { orm, logger }, authInternalRoutes(services, { revocations }));
    },
    onStop: async () => {
      stopReconciler();
      await background.drain();
      mailer.close();
      revocations.close();
      redis.disconnect();
    },
  });
  return { ...running, reconcile };
}
