import {
  createLogger,
  createServiceClient,
  listenForDirectoryChanges,
  mountInternalRoutes,
  openOrm,
  openSqlPool,
  RunningService,
  startOutboxRelay,
  startSubgraph,
} from '@carebook/platform';
import type { SchedulingConfig } from './config';
import { appointmentDesk } from './clients/appointment-desk';
import { createCalendarCache } from './store/calendar-cache';
import { clinicLocations } from './clients/clinic-locations';
import { doctorCalls } from './clients/doctor-directory';
import { doctorNames } from './clients/doctor-names';
import type { SchedulingContext } from './deps';
import { extendHorizons } from './use-cases/weekly-availability';
import { entities } from './entities';
import { schedulingInternalRoutes } from './internal/routes';
import { HorizonJob, startHorizonJob } from './jobs/horizon-job';
import { migrations } from './migrations';
import { buildSchedulingSchema } from './schema';
import { slotStoreFor } from './store';

export type RunningScheduling = RunningService & {
  /** Opens every doctor's slots up to the horizon now (what the daily job does). */
  extendHorizons(): Promise<number>;
  horizonJob: HorizonJob;
};

/** Starts the scheduling subgraph: store, outbox relay, daily horizon job, internal routes, GraphQL. */
export async function startScheduling(config: SchedulingConfig): Promise<RunningScheduling> {
  const logger = createLogger('scheduling', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger, stores: ['mysql', 'mongodb'] });
  const services = createServiceClient(config.serviceKeys, config.env);
  const sql = openSqlPool(config.databaseUrl);
  const relay = startOutboxRelay({
    orm,
    sql,
    service: 'scheduling',
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    logger,
    signingKey: config.serviceKeys.privateKey,
  });
  const calendarCache = createCalendarCache();
  const locations = clinicLocations(services, config.extra.CLINIC_TIME_ZONE);
  const doctors = doctorCalls(services);
  const names = doctorNames(doctors, () => directory);
  // A doctor deactivated, a service retired or a location changed leaves the calendars at once, not when the cache
  // expires; a doctor renamed, the names slots carry.
  const directory = listenForDirectoryChanges(config.redisUrl, config.redisPrefix, logger, () => {
    calendarCache.invalidate();
    locations.forget();
    names.forget();
  });
  const context: SchedulingContext = {
    zone: config.extra.CLINIC_TIME_ZONE,
    locations,
    horizonWeeks: config.extra.SLOT_HORIZON_WEEKS,
    clinicPolicy: config.bookingPolicy,
    store: slotStoreFor(config.databaseUrl),
    doctors,
    doctorNames: names,
    appointments: appointmentDesk(services, logger),
    calendarCache,
    afterCommit: () => {
      calendarCache.invalidate();
      relay.nudge();
    },
    logger,
    sql,
  };
  const extend = () => extendHorizons(orm.em.fork(), context);
  const horizonJob = startHorizonJob({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger, extend });

  const running = await startSubgraph({
    config,
    schema: await buildSchedulingSchema({ context }),
    orm,
    logger,
    routes: (app, callers) => mountInternalRoutes(app, callers, { orm, logger }, schedulingInternalRoutes(context)),
    onStop: async () => {
      await horizonJob.close();
      await relay.stop();
      await directory.close();
      await sql?.close();
    },
  });
  return { ...running, extendHorizons: extend, horizonJob };
}
