import {
  createLogger,
  directoryAnnouncer,
  listenForDirectoryChanges,
  mountInternalRoutes,
  openOrm,
  RunningService,
  startOutboxRelay,
  startSubgraph,
} from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { DoctorConfig } from './config';
import { ensureDefaultLocation } from './use-cases/clinic-locations';
import { entities } from './entities';
import { forgettingFirst } from './use-cases/forgetting-announcer';
import { publicListings } from './store/public-listings';
import { doctorInternalRoutes } from './internal/routes';
import { migrations } from './migrations';
import { buildDoctorSchema } from './schema';

/** Starts the doctor subgraph: store, GraphQL, the internal routes the admin service calls, and the announcer of changes. */
export async function startDoctor(config: DoctorConfig): Promise<RunningService & { orm: MikroORM }> {
  const logger = createLogger('doctor', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger });
  // The public lists are kept for seconds; other instances' announcements drop them, and this one's own (below).
  const feed = listenForDirectoryChanges(config.redisUrl, config.redisPrefix, logger, () => listings.forget());
  const listings = publicListings(orm, feed);
  // Announces changes to doctors and the catalogue, so the services caching them forget them at once (and so does this one).
  const directory = forgettingFirst(directoryAnnouncer(config.redisUrl, config.redisPrefix, logger), listings);
  // The default location, in CLINIC_TIME_ZONE, before anyone can ask for locations.
  await ensureDefaultLocation(orm.em.fork(), config.clinicTimeZone);
  // The outbox holds the admin actions taken here (locations) until the admin service's log has them.
  const relay = startOutboxRelay({
    orm,
    service: 'doctor',
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    logger,
    signingKey: config.serviceKeys.privateKey,
  });
  const nudge = () => relay.nudge();
  const schema = await buildDoctorSchema({ defaults: config.bookingPolicy, directory, nudge, listings });
  const running = await startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, callers) =>
      mountInternalRoutes(app, callers, { orm, logger }, doctorInternalRoutes(config.bookingPolicy, directory)),
    onStop: async () => {
      await relay.stop();
      await directory.close();
      await feed.close();
    },
  });
  // The ORM is exposed for tests and tooling (e.g. to observe the queries a request issues).
  return { ...running, orm };
}
