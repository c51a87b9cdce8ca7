import { OutboxEvent, Role, ServiceClient, SlotFacts } from '@carebook/platform';
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
  testPortBase,
  TestIssuer,
} from '@carebook/platform/testing';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { startAppointment, RunningAppointment } from '../src/app';
import { loadAppointmentConfig } from '../src/config';
import { Appointment } from '../src/entities';
import { AddAvailabilityDocument, AddAvailabilityMutation } from './generated/scheduling';

/** Each suite runs on every test store: MariaDB always, MongoDB when MONGO_URL is set (reported skipped otherwise). */
export const eachStore = describeEachStore('appointment');

/** A slot as scheduling answers opening it. */
export type SlotView = AddAvailabilityMutation['addAvailability'][number];

/**
 * The real booking neighbourhood of the appointment service: the doctor and
 * scheduling services as their own processes (built dist), each on a fresh
 * MariaDB database, tokens from a test issuer, one Redis prefix per suite.
 */
export class BookingStack {
  issuer: TestIssuer;
  doctor: SpawnedService;
  scheduling: SpawnedService;
  admin?: SpawnedService;
  appointment: RunningAppointment;
  /** Internal calls as their real callers make them: admin sets up doctors and services, appointment asks scheduling. */
  asAdmin: ServiceClient;
  asAppointment: ServiceClient;
  /** The patient service asking appointment which patients a doctor cares for. */
  asPatient: ServiceClient;
  adminToken: string;
  env: Record<string, string>;
  private databases: string[] = [];
  private dayOffset = 1;

  /**
   * `inProcess: false` leaves the appointment service to the test (to run it as its own process);
   * `withAdmin` also runs the admin service, to see admin changes land in its action log;
   * `appointmentEnv` adds settings of the appointment service's own (its data keys, say).
   */
  static async start(
    appointmentDbUrl: string,
    options: { inProcess?: boolean; withAdmin?: boolean; appointmentEnv?: Record<string, string> } = {},
  ): Promise<BookingStack> {
    const stack = new BookingStack();
    await stack.boot(
      appointmentDbUrl,
      options.inProcess ?? true,
      options.withAdmin ?? false,
      options.appointmentEnv ?? {},
    );
    return stack;
  }

  private async boot(
    appointmentDbUrl: string,
    inProcess: boolean,
    withAdmin: boolean,
    appointmentEnv: Record<string, string>,
  ) {
    this.issuer = await startTestIssuer();
    const base = testPortBase();
    const doctorDb = freshDatabaseUrl('doctor');
    const schedulingDb = freshDatabaseUrl('scheduling');
    this.databases.push(doctorDb, schedulingDb, appointmentDbUrl);
    this.env = {
      NODE_ENV: 'test',
      AUTH_JWKS_URL: this.issuer.jwksUrl,
      REDIS_PREFIX: `test-appointment-${process.pid}-${randomBytes(3).toString('hex')}`,
      DOCTOR_URL: `http://127.0.0.1:${base + 3}`,
      SCHEDULING_URL: `http://127.0.0.1:${base + 4}`,
      // Nothing listens on port 9: without the admin service, logging an admin action only warns.
      ADMIN_URL: withAdmin ? `http://127.0.0.1:${base + 9}` : 'http://127.0.0.1:9',
      APPOINTMENT_DB_URL: appointmentDbUrl,
    };
    this.doctor = await spawnService('doctor', base + 3, { ...this.env, DOCTOR_DB_URL: doctorDb });
    this.scheduling = await spawnService('scheduling', base + 4, { ...this.env, SCHEDULING_DB_URL: schedulingDb });
    if (withAdmin) {
      const adminDb = freshDatabaseUrl('admin');
      this.databases.push(adminDb);
      this.admin = await spawnService('admin', base + 9, { ...this.env, ADMIN_DB_URL: adminDb });
    }
    // Tests call reconcile() themselves; the in-process job must not run in between (the spawned one in the crash test keeps the default).
    const config = loadAppointmentConfig({
      ...process.env,
      ...this.env,
      ...appointmentEnv,
      LOG_LEVEL: 'silent',
      APPOINTMENT_PORT: '0',
      APPOINTMENT_RECONCILE_EVERY_MS: String(3_600_000),
    });
    if (inProcess) this.appointment = await startAppointment(config);
    const targets = { ...this.env, APPOINTMENT_URL: this.appointment?.url ?? '' };
    this.asAdmin = serviceClientAs('admin', targets);
    this.asAppointment = serviceClientAs('appointment', targets);
    this.asPatient = serviceClientAs('patient', targets);
    this.adminToken = await this.issuer.mint({ role: Role.ADMIN });
  }

  /** Stops scheduling (an outage); call the returned function to bring it back on the same port and data. */
  async stopScheduling(): Promise<() => Promise<void>> {
    const port = Number(new URL(this.scheduling.url).port);
    await this.scheduling.stop();
    return async () => {
      this.scheduling = await spawnService('scheduling', port, { ...this.env, SCHEDULING_DB_URL: this.databases[1] });
    };
  }

  async stop(): Promise<void> {
    await this.appointment?.stop();
    await Promise.all([this.doctor?.stop(), this.scheduling?.stop(), this.admin?.stop()]);
    await this.issuer?.stop();
    for (const url of this.databases) if (url.startsWith('mysql')) await dropDatabase(url);
  }

  /** Posts to appointment as the gateway relays a client's; the typed document gives a typed answer. */
  gql<T, V>(operation: TypedDocumentNode<T, V>, variables?: NoInfer<V>, token?: string): Promise<GraphqlResponse<T>> {
    return postAsGateway('appointment', this.appointment.url, operation, variables, token);
  }

  patient(): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    return this.issuer.mint({ role: Role.PATIENT, sub: id }).then((token) => ({ id, token }));
  }

  async doctorToken(id: string): Promise<string> {
    return this.issuer.mint({ role: Role.DOCTOR, sub: id });
  }

  /** `buffers`: minutes the service holds before and after each appointment. */
  async createService(
    durationMinutes = 30,
    price = '35.00',
    buffers: { bufferBeforeMinutes?: number; bufferAfterMinutes?: number } = {},
  ): Promise<{ id: string; price: string; durationMinutes: number }> {
    return this.asAdmin.call('doctor', 'create-medical-service', {
      name: `Visit ${randomBytes(3).toString('hex')}`,
      category: 'GENERAL_CHECKUP',
      durationMinutes,
      ...buffers,
      price,
      currency: 'EUR',
    });
  }

  /** Gives a service booking rules of its own (minutes; null follows the clinic default), as the admin service does. */
  async setPolicy(
    serviceId: string,
    rules: {
      minNoticeMinutes?: number | null;
      horizonMinutes?: number | null;
      cancellationWindowMinutes?: number | null;
    },
  ) {
    return this.asAdmin.call('doctor', 'set-booking-policy', { id: serviceId, ...rules });
  }

  async createDoctor(serviceIds: string[], name = 'Dr Test'): Promise<string> {
    const id = randomUUID();
    await this.asAdmin.call('doctor', 'provision-doctor', {
      id,
      name,
      specialty: 'General practice',
      licenseNumber: `MD-${randomBytes(3).toString('hex')}`,
      serviceIds,
    });
    return id;
  }

  /** A day nobody else in the suite uses, so tests do not see each other's slots (UTC clinic). */
  freshDay(): string {
    const day = new Date(Date.now() + (this.dayOffset++ + 1) * 86_400_000);
    return day.toISOString().slice(0, 10);
  }

  /** The date `days` from now (UTC clinic); for tests whose rules count days ahead (each uses its own doctor). */
  dayAhead(days: number): string {
    return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  }

  async openSlots(
    doctorId: string,
    date: string,
    startTime: string,
    endTime: string,
    slotMinutes: number,
  ): Promise<SlotView[]> {
    const response = await postAsGateway(
      'scheduling',
      this.scheduling.url,
      AddAvailabilityDocument,
      { doctorId, date, startTime, endTime, slotMinutes },
      this.adminToken,
    );
    if (response.errors) throw new Error(`addAvailability failed: ${JSON.stringify(response.errors)}`);
    return response.data!.addAvailability;
  }

  async slot(id: string): Promise<SlotFacts> {
    const { slots } = await this.asAppointment.call<{ slots: SlotFacts[] }>('scheduling', 'slots', { ids: [id] });
    return slots[0];
  }

  async appointmentRow(id: string) {
    return this.appointment.orm.em.fork().findOne(Appointment, { id });
  }

  /** The payload of the appointment's APPOINTMENT_CONFIRMED outbox row. */
  async confirmationFacts(appointmentId: string): Promise<Record<string, unknown>> {
    const row = await this.appointment.orm.em
      .fork()
      .findOneOrFail(OutboxEvent, { aggregateId: appointmentId, type: 'APPOINTMENT_CONFIRMED' });
    return (JSON.parse(row.envelope) as { payload: Record<string, unknown> }).payload;
  }

  async outbox(appointmentId: string): Promise<string[]> {
    const rows = await this.appointment.orm.em
      .fork()
      .find(OutboxEvent, { aggregateId: appointmentId }, { orderBy: { position: 'asc' } });
    return rows.map((r) => r.type);
  }
}
