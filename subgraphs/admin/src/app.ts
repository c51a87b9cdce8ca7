import {
  createLogger,
  createServiceClient,
  fieldSealerFor,
  openOrm,
  RunningService,
  startSubgraph,
} from '@carebook/platform';
import type { AdminConfig } from './config';
import { entities } from './entities';
import { systemHealthChecker } from './use-cases/system-health';
import { startAdminLogConsumer } from './events/admin-log-consumer';
import { migrations } from './migrations';
import { buildAdminSchema } from './schema';

/**
 * Starts the admin subgraph: its log store, GraphQL (with systemHealth), and the consumer that logs the admin
 * actions other services record in their outboxes.
 */
export async function startAdmin(config: AdminConfig): Promise<RunningService> {
  const logger = createLogger('admin', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const services = createServiceClient(config.serviceKeys, config.env);
  const health = systemHealthChecker({ redisUrl: config.redisUrl, prefix: config.redisPrefix, env: config.env });
  const sealer = fieldSealerFor(config.encryption, logger);
  const schema = await buildAdminSchema({ services, health, sealer });
  const actionLog = startAdminLogConsumer({
    orm,
    sealer,
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    logger,
  });
  return startSubgraph({
    config,
    schema,
    orm,
    logger,
    onStop: async () => {
      await actionLog.close();
      await health.close();
    },
  });
}
