import { createLogger, createServiceClient, directoryAnnouncer, mountInternalRoutes, openOrm, RunningService, startSubgraph } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { DoctorConfig } from './config';
import { ensureDefaultLocation } from './domain/clinic-locations';
import { entities } from './entities';
import { doctorInternalRoutes } from './internal/routes';
import { migrations } from './migrations';
import { buildDoctorSchema } from './schema';

/** Starts the doctor subgraph: store, GraphQL, the internal routes the admin service calls, and the announcer of changes. */
export async function startDoctor(config: DoctorConfig): Promise<RunningService & { orm: MikroORM }> {
  const logger = createLogger('doctor', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  // Announces changes to doctors and the catalogue, so the services caching them forget them at once.
  const directory = directoryAnnouncer(config.redisUrl, config.redisPrefix, logger);
  // The default location, in CLINIC_TIME_ZONE, before anyone can ask for locations.
  await ensureDefaultLocation(orm.em.fork(), config.clinicTimeZone);
  const services = createServiceClient(config.serviceKeys, config.env);
  const schema = await buildDoctorSchema({ defaults: config.bookingPolicy, directory, services });
  const running = await startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, callers) => mountInternalRoutes(app, callers, { orm, logger }, doctorInternalRoutes(config.bookingPolicy, directory)),
    onStop: () => directory.close(),
  });
  // The ORM is exposed for tests and tooling (e.g. to observe the queries a request issues).
  return { ...running, orm };
}
