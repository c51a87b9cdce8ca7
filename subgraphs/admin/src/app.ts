import {
  createLogger,
  createServiceClient,
  fieldSealerFor,
  mountInternalRoutes,
  openOrm,
  RunningService,
  startSubgraph,
} from '@carebook/platform';
import type { AdminConfig } from './config';
import { entities } from './entities';
import { systemHealthChecker } from './domain/system-health';
import { adminInternalRoutes } from './internal/routes';
import { migrations } from './migrations';
import { buildAdminSchema } from './schema';

/** Starts the admin subgraph: its log store, GraphQL (with systemHealth), and the record-action route. */
export async function startAdmin(config: AdminConfig): Promise<RunningService> {
  const logger = createLogger('admin', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const services = createServiceClient(config.serviceKeys, config.env);
  const health = systemHealthChecker({ redisUrl: config.redisUrl, prefix: config.redisPrefix, env: config.env });
  const sealer = fieldSealerFor(config.encryption, logger);
  const schema = await buildAdminSchema({ services, health, sealer });
  return startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, callers) => mountInternalRoutes(app, callers, { orm, logger }, adminInternalRoutes(sealer)),
    onStop: () => health.close(),
  });
}
