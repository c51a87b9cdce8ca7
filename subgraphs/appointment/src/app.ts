import {
  contractClient,
  createLogger,
  createServiceClient,
  fieldSealerFor,
  listenForDirectoryChanges,
  listenOnChannels,
  mountInternalRoutes,
  mountInternalStreamRoutes,
  openOrm,
  openSqlPool,
  RunningService,
  scheduleChannel,
  schedulingContract,
  startOutboxRelay,
  startSubgraph,
} from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { AppointmentConfig } from './config';
import type { AppointmentDeps } from './deps';
import { reconcileAppointments, ReconcileReport } from './use-cases/reconciliation';
import { doctorApi } from './clients/doctor-facts-cache';
import { patientNames } from './clients/patient-names';
import { slotMemory } from './clients/slot-memory';
import { slotClaims } from './use-cases/slot-claims';
import { entities } from './entities';
import { appointmentInternalRoutes } from './internal/routes';
import { appointmentStreamRoutes } from './internal/stream-routes';
import { startReconcileJob } from './jobs/reconcile-job';
import { migrations } from './migrations';
import { buildAppointmentSchema } from './schema';
import { outcomeCounterFor } from './store/outcome-counts';

export type RunningAppointment = RunningService & { orm: MikroORM; reconcile(): Promise<ReconcileReport> };

/** Starts the appointment subgraph: store, outbox relay, reconciliation job, GraphQL and internal routes. */
export async function startAppointment(config: AppointmentConfig): Promise<RunningAppointment> {
  const logger = createLogger('appointment', config.logLevel);
  const orm = await openOrm({ url: config.databaseUrl, entities, migrations, logger, stores: ['mysql', 'mongodb'] });
  const sql = openSqlPool(config.databaseUrl);
  const relay = startOutboxRelay({
    orm,
    sql,
    service: 'appointment',
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    logger,
    signingKey: config.serviceKeys.privateKey,
  });
  const client = createServiceClient(config.serviceKeys, config.env);
  const { extra } = config;
  // Doctors, services and locations are kept a minute while the doctor service's announcements are heard (they make a change apply at once).
  const doctors = doctorApi(client, 60_000, { live: () => directory.live() });
  const directory = listenForDirectoryChanges(config.redisUrl, config.redisPrefix, logger, () => doctors.forget());
  // Slots booked here are answered as taken, and refusals share alternatives, while scheduling's changes are heard.
  const slots = slotMemory(contractClient(schedulingContract, client), () => scheduleChanges.live());
  const scheduleChanges = listenOnChannels(
    config.redisUrl,
    [scheduleChannel(config.redisPrefix)],
    logger,
    (message) => slots.heard(message),
    'schedule changes',
  );
  const deps: AppointmentDeps = {
    scheduling: slots.scheduling,
    slotMemory: slots,
    doctors,
    patients: patientNames(client),
    nudge: () => relay.nudge(),
    timeZone: extra.CLINIC_TIME_ZONE,
    sealer: fieldSealerFor(config.encryption, logger),
    maxActivePerPatient: extra.MAX_ACTIVE_APPOINTMENTS_PER_PATIENT,
    logger,
    slotClaims: slotClaims(),
    sql,
  };
  const reconcile = () => reconcileAppointments(orm.em.fork(), deps, extra.APPOINTMENT_PENDING_GRACE_SECONDS);
  const stopJob = await startReconcileJob({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    everyMs: extra.APPOINTMENT_RECONCILE_EVERY_MS,
    logger,
    reconcile,
  });
  const schema = await buildAppointmentSchema({ domain: deps, countOutcomes: outcomeCounterFor(config.databaseUrl) });
  const running = await startSubgraph({
    config,
    schema,
    orm,
    logger,
    routes: (app, callers, users) => {
      mountInternalRoutes(app, callers, { orm, logger }, appointmentInternalRoutes(deps));
      mountInternalStreamRoutes(app, callers, users, { orm, logger }, appointmentStreamRoutes(deps, client));
    },
    onStop: async () => {
      await stopJob();
      await relay.stop();
      await directory.close();
      await scheduleChanges.close();
      await sql?.close();
    },
  });
  return { ...running, orm, reconcile };
}
