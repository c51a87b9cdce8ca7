import { createLogger, createServiceClient, mountInternalRoutes, openOrm, RunningService, startSubgraph } from '@carebook/platform';
import type { AdminConfig } from './config';
import { entities } from './entities';
import { adminInternalRoutes } from './internal/routes';
import { migrations } from './migrations';
import { buildAdminSchema } from './schema';

/** Starts the admin subgraph: its log store, GraphQL, and the record-action route. */
export async function startAdmin(config: AdminConfig): Promise<RunningService> {
  const logger = createLogger('admin', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const services = createServiceClient('admin', config.auth.serviceSecret, config.env);
  const schema = await buildAdminSchema({ services });
  return startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, verifier) => mountInternalRoutes(app, verifier, { orm, logger }, adminInternalRoutes()),
  });
}
