import { createLogger, openOrm, Role, RouteOutput, schedulingContract, ServiceClient } from '@carebook/platform';
import {
  describeEachStore,
  dropDatabase,
  freshDatabaseUrl,
  GraphqlResponse,
  postAsGateway,
  serviceClientAs,
  spawnService,
  SpawnedService,
  startTestIssuer,
  TestIssuer,
  testPortBase,
} from '@carebook/platform/testing';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { MikroORM } from '@mikro-orm/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { RunningScheduling, startScheduling } from '../src/app';
import { loadSchedulingConfig } from '../src/config';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';
import { AddAvailabilityDocument, AddAvailabilityMutation, DayOfWeek } from './generated/operations';

/** Each suite runs on every test store: MariaDB always, MongoDB when MONGO_URL is set (reported skipped otherwise). */
export const eachStore = describeEachStore('scheduling');

export type OpenedSlot = AddAvailabilityMutation['addAvailability'][number];

/** The variables of an entity lookup (`_entities`) for one doctor, as the gateway sends them. */
export const doctorRef = (id: string) => ({ r: [{ __typename: 'Doctor', id }] });

export interface Harness {
  scheduling: RunningScheduling;
  issuer: TestIssuer;
  doctorService: SpawnedService;
  /** Calls scheduling's internal routes as their one caller, the appointment service, does. */
  asAppointment: ServiceClient;
  /** Calls the doctor service as the admin service does (doctors and the catalogue). */
  asAdmin: ServiceClient;
  /** A second view of the store, for assertions and fixtures (works on both stores). */
  orm: MikroORM;
  /** Posts to scheduling as the gateway relays a client's; a typed document gives a typed answer. */
  gql<T, V>(operation: TypedDocumentNode<T, V>, variables?: NoInfer<V>, token?: string): Promise<GraphqlResponse<T>>;
  token(role: Role, sub?: string): Promise<string>;
  /** A doctor in the doctor service, offering the given services. */
  createDoctor(serviceIds?: string[], specialty?: string): Promise<string>;
  /** A service of the catalogue; `buffers`: minutes it holds before and after each appointment. */
  createService(
    durationMinutes: number,
    buffers?: { bufferBeforeMinutes?: number; bufferAfterMinutes?: number },
  ): Promise<string>;
  /** Opens a one-off day of slots as an admin does (addAvailability) and answers them; fails the test on an error. */
  openDay(
    doctorId: string,
    date: string,
    startTime: string,
    endTime: string,
    slotMinutes?: number,
  ): Promise<OpenedSlot[]>;
  /** Gives a service booking rules of its own (minutes), as the admin service does. */
  setPolicy(
    serviceId: string,
    rules: {
      minNoticeMinutes?: number | null;
      horizonMinutes?: number | null;
      cancellationWindowMinutes?: number | null;
    },
  ): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the real doctor service (built dist, its own fresh database) and
 * the scheduling service in-process on `databaseUrl`. Run `npx tsc -b subgraphs/doctor` first.
 */
export async function startHarness(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Harness> {
  const issuer = await startTestIssuer();
  const doctorDb = freshDatabaseUrl('doctor');
  const prefix = `test-sched-${randomBytes(4).toString('hex')}`;
  const shared = { NODE_ENV: 'test', AUTH_JWKS_URL: issuer.jwksUrl, REDIS_PREFIX: prefix };
  const doctorService = await spawnService('doctor', testPortBase() + 3, {
    ...shared,
    DOCTOR_DB_URL: doctorDb,
    ...(extraEnv.CLINIC_TIME_ZONE ? { CLINIC_TIME_ZONE: extraEnv.CLINIC_TIME_ZONE } : {}),
  });
  let scheduling: RunningScheduling;
  let config: ReturnType<typeof loadSchedulingConfig>;
  try {
    config = loadSchedulingConfig({
      ...process.env,
      ...shared,
      LOG_LEVEL: 'silent',
      SCHEDULING_PORT: '0',
      SCHEDULING_DB_URL: databaseUrl,
      DOCTOR_URL: doctorService.url,
      // Nothing listens here: logging an admin's change must fail softly; so must naming
      // the patients of clashing appointments, and cancelling them is reported back, not hidden.
      ADMIN_URL: 'http://127.0.0.1:9',
      APPOINTMENT_URL: 'http://127.0.0.1:9',
      PATIENT_URL: 'http://127.0.0.1:9',
      ...extraEnv,
    });
    scheduling = await startScheduling(config);
  } catch (error) {
    // Leave no process or database behind when the service cannot start.
    await doctorService.stop();
    await issuer.stop();
    await dropDatabase(doctorDb);
    throw error;
  }
  const asAppointment = serviceClientAs('appointment', { SCHEDULING_URL: scheduling.url });
  // Doctors and services are set up as the admin service creates them.
  const asAdmin = serviceClientAs('admin', { DOCTOR_URL: doctorService.url });
  const orm = await openOrm({
    url: databaseUrl,
    entities,
    migrations,
    logger: createLogger('test', 'silent'),
    stores: ['mysql', 'mongodb'],
  });
  let licence = 0;
  return {
    scheduling,
    issuer,
    doctorService,
    asAppointment,
    asAdmin,
    orm,
    gql: (operation, variables, token) => postAsGateway('scheduling', scheduling.url, operation, variables, token),
    token: (role, sub) => issuer.mint({ role, sub }),
    async createDoctor(serviceIds = [], specialty = 'Cardiology') {
      const id = randomUUID();
      licence += 1;
      await asAdmin.call('doctor', 'provision-doctor', {
        id,
        name: `Dr Test ${licence}`,
        specialty,
        licenseNumber: `MD-${randomBytes(3).toString('hex')}-${licence}`,
        serviceIds,
      });
      return id;
    },
    async createService(durationMinutes, buffers = {}) {
      const created = await asAdmin.call<{ id: string }>('doctor', 'create-medical-service', {
        name: `Visit ${durationMinutes} min ${randomBytes(2).toString('hex')}`,
        category: 'GENERAL_CHECKUP',
        durationMinutes,
        ...buffers,
        price: '35.00',
        currency: 'EUR',
      });
      return created.id;
    },
    async openDay(doctorId, date, startTime, endTime, slotMinutes = 30) {
      const admin = await issuer.mint({ role: Role.ADMIN });
      const response = await postAsGateway(
        'scheduling',
        scheduling.url,
        AddAvailabilityDocument,
        { doctorId, date, startTime, endTime, slotMinutes },
        admin,
      );
      if (response.errors) throw new Error(`addAvailability refused: ${response.errors[0].message}`);
      return response.data!.addAvailability;
    },
    async setPolicy(serviceId, rules) {
      await asAdmin.call('doctor', 'set-booking-policy', { id: serviceId, ...rules });
    },
    async stop() {
      await scheduling.stop();
      if (databaseUrl.startsWith('mongodb')) await orm.schema.dropSchema();
      await orm.close(true);
      await doctorService.stop();
      await issuer.stop();
      await dropDatabase(doctorDb);
      if (databaseUrl.startsWith('mysql')) await dropDatabase(databaseUrl);
    },
  };
}

/** What one of scheduling's internal routes answers, from its contract. */
export type SchedulingAnswer<Route extends keyof typeof schedulingContract.routes> = RouteOutput<
  (typeof schedulingContract.routes)[Route]
>;

/** The code and reason of a refused internal call, from the error it was rejected with. */
export function refusalOf(error: unknown): { code?: string; reason?: unknown } {
  const e = error as { code?: string; extensions?: Record<string, unknown> };
  return { code: e.code, reason: e.extensions?.reason };
}

/** The error a refused internal call carries (the client rethrows the callee's code and extensions). */
export async function refusal(call: Promise<unknown>): Promise<{ code?: string; message: string; reason?: unknown }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: string; message: string; extensions?: Record<string, unknown> };
    return { code: e.code, message: e.message, reason: e.extensions?.reason };
  }
  throw new Error('expected the call to be refused');
}

/** Tomorrow's weekday name in UTC, and the date, for rules that open slots soon. */
export function dayAfter(days: number, zone = 'UTC'): { date: string; dayOfWeek: DayOfWeek } {
  const date = new Date(Date.now() + days * 24 * 3600 * 1000);
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'long',
  }).formatToParts(date);
  const part = (type: string) => local.find((p) => p.type === type)!.value;
  // An English weekday name upper-cased is a DayOfWeek value.
  const dayOfWeek = part('weekday').toUpperCase() as DayOfWeek;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, dayOfWeek };
}
