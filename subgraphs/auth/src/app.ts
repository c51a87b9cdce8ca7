import { createLogger, createRedis, createServiceClient, mountInternalRoutes, openOrm, RunningService, startSubgraph } from '@carebook/platform';
import { createLocalJWKSet } from 'jose';
import type { AuthConfig } from './config';
import { ensureBootstrapAdmin } from './domain/bootstrap-admin';
import { createLoginThrottle } from './domain/login-throttle';
import { reconcileUnprovisionedUsers, scheduleReconciler } from './domain/provisioning-reconciler';
import { loadSigningKey } from './domain/signing-keys';
import { entities } from './entities';
import { authInternalRoutes } from './internal/routes';
import { migrations } from './migrations';
import { buildAuthSchema } from './schema';

/** Starts the auth subgraph: store, signing key, bootstrap admin, JWKS, GraphQL. */
export async function startAuth(config: AuthConfig): Promise<RunningService & { reconcile(): Promise<number> }> {
  const logger = createLogger('auth', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const key = await loadSigningKey(config);
  const redis = createRedis(config.redisUrl, { keyPrefix: `${config.redisPrefix}:` });
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const services = createServiceClient(config.serviceKeys, config.env);
  const { extra } = config;

  await ensureBootstrapAdmin(orm.em.fork(), extra.BOOTSTRAP_ADMIN_EMAIL, extra.BOOTSTRAP_ADMIN_PASSWORD, logger);

  const schema = await buildAuthSchema({
    sessions: { key, issuer: config.auth.issuer, audience: config.auth.audience, ttlSeconds: extra.ACCESS_TOKEN_TTL_SECONDS, refreshTtlDays: extra.REFRESH_TOKEN_TTL_DAYS },
    throttle: createLoginThrottle(redis, { maxPerEmail: extra.LOGIN_MAX_FAILURES_PER_EMAIL, maxPerIp: extra.LOGIN_MAX_FAILURES_PER_IP, windowSeconds: extra.LOGIN_FAILURE_WINDOW_SECONDS }, logger),
    services,
    logger,
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
      mountInternalRoutes(app, callers, { orm, logger }, authInternalRoutes(services));
    },
    onStop: async () => {
      stopReconciler();
      redis.disconnect();
    },
  });
  return { ...running, reconcile };
}
