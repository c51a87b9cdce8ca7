import { createLogger, mountInternalRoutes, openOrm, RunningService, startSubgraph } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { DoctorConfig } from './config';
import { entities } from './entities';
import { doctorInternalRoutes } from './internal/routes';
import { migrations } from './migrations';
import { buildDoctorSchema } from './schema';

/** Starts the doctor subgraph: store, GraphQL and the internal routes the admin service calls. */
export async function startDoctor(config: DoctorConfig): Promise<RunningService & { orm: MikroORM }> {
  const logger = createLogger('doctor', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  const schema = await buildDoctorSchema(config.bookingPolicy);
  const running = await startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, callers) => mountInternalRoutes(app, callers, { orm, logger }, doctorInternalRoutes(config.bookingPolicy)),
  });
  // The ORM is exposed for tests and tooling (e.g. to observe the queries a request issues).
  return { ...running, orm };
}
