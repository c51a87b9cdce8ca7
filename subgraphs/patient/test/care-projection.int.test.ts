import {
  AppointmentStatus,
  createEvent,
  developmentPrivateKey,
  DomainEvent,
  Role,
  RunningService,
  ServiceClient,
  signEvent,
} from '@carebook/platform';
import {
  AppointmentFixture,
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  postAsGateway,
  startAppointmentFixture,
  startTestIssuer,
  TestIssuer,
  testPortBase,
  serviceClientAs,
  untilJobCompleted,
} from '@carebook/platform/testing';
import { Queue } from 'bullmq';
import { createConnection } from 'mysql2/promise';
import { randomBytes, randomUUID } from 'node:crypto';
import { startPatient } from '../src/app';
import { loadPatientConfig } from '../src/config';
import { AddRecordBriefDocument } from './generated/operations';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The care projection against real Redis (BullMQ), MariaDB and the real
 * appointment service: a job on the patient-care queue grants a doctor a
 * patient's chart only when the appointment service holds that appointment.
 * Forged jobs are pushed straight into the queue, as anyone who can write to
 * Redis could.
 */
describe('care relationships from appointment events', () => {
  const databaseUrl = freshDatabaseUrl('patient');
  const prefix = `test-care-${process.pid}-${randomBytes(3).toString('hex')}`;
  let issuer: TestIssuer;
  let appointments: AppointmentFixture;
  let patient: RunningService;
  let internal: ServiceClient;
  let queue: Queue;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const appointmentPort = testPortBase() + 5;
    appointments = await startAppointmentFixture(appointmentPort, {
      NODE_ENV: 'test',
      AUTH_JWKS_URL: issuer.jwksUrl,
      REDIS_PREFIX: prefix,
    });
    const config = loadPatientConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PATIENT_PORT: '0',
      PATIENT_DB_URL: databaseUrl,
      AUTH_JWKS_URL: issuer.jwksUrl,
      REDIS_PREFIX: prefix,
      APPOINTMENT_URL: `http://127.0.0.1:${appointmentPort}`,
    });
    patient = await startPatient(config);
    internal = serviceClientAs('auth', { PATIENT_URL: patient.url });
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    queue = new Queue('patient-care', {
      connection: { host: redis.hostname, port: Number(redis.port || 6379) },
      prefix,
    });
  }, 60_000);

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await patient?.stop();
    await appointments?.stop();
    await issuer?.stop();
    await dropDatabase(databaseUrl);
  });

  async function provisionPatient(): Promise<string> {
    const id = randomUUID();
    await internal.call('patient', 'provision-patient', {
      id,
      email: `care-${id.slice(0, 8)}@carebook.test`,
      name: 'Cary Care',
      phone: null,
      dateOfBirth: null,
      gender: null,
    });
    return id;
  }

  const confirmedEvent = (
    facts: { appointmentId: string; doctorId: string; patientId: string },
    type: 'APPOINTMENT_CONFIRMED' | 'APPOINTMENT_RESCHEDULED' = 'APPOINTMENT_CONFIRMED',
  ) =>
    createEvent(
      'appointment',
      type as 'APPOINTMENT_CONFIRMED',
      { type: 'Appointment', id: facts.appointmentId },
      {
        ...facts,
        serviceId: randomUUID(),
        slotId: randomUUID(),
        startsAt: new Date().toISOString(),
        endsAt: new Date().toISOString(),
      },
    );

  /** Pushes a job straight into the queue and waits until the projection has handled it. */
  async function push(event: DomainEvent | Record<string, unknown>) {
    const job = await queue.add(String((event as DomainEvent).type ?? 'forged'), event, {
      jobId: `test-${randomUUID()}`,
    });
    await untilJobCompleted(job);
    return job.id!;
  }

  async function caringDoctors(patientId: string): Promise<string[]> {
    const connection = await createConnection({ uri: databaseUrl });
    try {
      const [rows] = await connection.query(
        'select doctor_id from care_relationships where patient_id = ? order by doctor_id',
        [patientId],
      );
      return (rows as Array<{ doctor_id: string }>).map((row) => row.doctor_id);
    } finally {
      await connection.end();
    }
  }

  it("grants the doctor of a confirmed appointment the patient's chart", async () => {
    const patientId = await provisionPatient();
    const held = await appointments.add(AppointmentStatus.CONFIRMED, { patientId });
    await push(confirmedEvent({ appointmentId: held.id, doctorId: held.doctorId, patientId }));
    expect(await caringDoctors(patientId)).toEqual([held.doctorId]);
  });

  it('grants nothing for forged jobs: an unknown appointment, a PENDING one, or no appointment id', async () => {
    const patientId = await provisionPatient();
    const intruder = randomUUID();
    const pending = await appointments.add(AppointmentStatus.PENDING, { patientId, doctorId: intruder });
    await push(confirmedEvent({ appointmentId: randomUUID(), doctorId: intruder, patientId }));
    await push(confirmedEvent({ appointmentId: pending.id, doctorId: intruder, patientId }, 'APPOINTMENT_RESCHEDULED'));
    await push({
      ...confirmedEvent({ appointmentId: randomUUID(), doctorId: intruder, patientId }),
      payload: { doctorId: intruder, patientId },
    });
    await push({ type: 'APPOINTMENT_CONFIRMED' });
    expect(await caringDoctors(patientId)).toEqual([]);
  });

  it('grants what the appointment service holds, not what the job claims', async () => {
    const patientId = await provisionPatient();
    const held = await appointments.add(AppointmentStatus.CONFIRMED, { patientId });
    const intruder = randomUUID();
    const otherPatient = await provisionPatient();
    await push(confirmedEvent({ appointmentId: held.id, doctorId: intruder, patientId: otherPatient }));
    expect(await caringDoctors(patientId)).toEqual([held.doctorId]);
    expect(await caringDoctors(otherPatient)).toEqual([]);
  });

  it("grants what an event signed by the appointment service names without asking it; another's signature or a changed event is asked about", async () => {
    const patientId = await provisionPatient();
    const unknownToTheService = randomUUID(); // the fixture holds no such appointment: only the signature can grant
    const doctorId = randomUUID();
    await push(
      signEvent(
        confirmedEvent({ appointmentId: unknownToTheService, doctorId, patientId }),
        developmentPrivateKey('appointment'),
      ),
    );
    expect(await caringDoctors(patientId)).toEqual([doctorId]);

    const other = await provisionPatient();
    const intruder = randomUUID();
    // Signed by another service (billing's key), or signed and then changed: the appointment service knows neither.
    await push(
      signEvent(
        confirmedEvent({ appointmentId: randomUUID(), doctorId: intruder, patientId: other }),
        developmentPrivateKey('billing'),
      ),
    );
    const signed = signEvent(
      confirmedEvent({ appointmentId: randomUUID(), doctorId: randomUUID(), patientId: other }),
      developmentPrivateKey('appointment'),
    );
    await push({ ...signed, payload: { ...signed.payload, doctorId: intruder } });
    expect(await caringDoctors(other)).toEqual([]);
  });

  it('lets the doctor of a booking write in the chart before its event arrives (asking the appointment service), and records the relationship then', async () => {
    const write = async (doctorId: string, patientId: string) =>
      postAsGateway(
        'patient',
        patient.url,
        AddRecordBriefDocument,
        { input: { patientId, diagnosis: 'Sprained ankle' } },
        await issuer.mint({ role: Role.DOCTOR, sub: doctorId }),
      );
    const patientId = await provisionPatient();
    const held = await appointments.add(AppointmentStatus.CONFIRMED, { patientId });
    const written = await write(held.doctorId, patientId);
    expect(written.errors).toBeUndefined();
    expect(written.data!.addMedicalRecord).toMatchObject({ diagnosis: 'Sprained ankle' });
    expect(await caringDoctors(patientId)).toEqual([held.doctorId]);

    // Without an appointment, or with one still PENDING, the doctor may not write.
    const pending = await appointments.add(AppointmentStatus.PENDING, { patientId });
    for (const doctorId of [randomUUID(), pending.doctorId])
      expect(errorCode(await write(doctorId, patientId))).toBe('FORBIDDEN');
    expect(await caringDoctors(patientId)).toEqual([held.doctorId]);

    // Asked while the booking is still being confirmed (its slot announced, a live schedule asking at once):
    // the answer waits for it to settle, and follows how it settled.
    const inFlight = await appointments.add(AppointmentStatus.PENDING, { patientId });
    const asking = write(inFlight.doctorId, patientId);
    await sleep(100);
    await appointments.settle(inFlight.id, AppointmentStatus.CONFIRMED);
    expect((await asking).errors).toBeUndefined();
    const withdrawn = await appointments.add(AppointmentStatus.PENDING, { patientId });
    const refused = write(withdrawn.doctorId, patientId);
    await sleep(100);
    await appointments.settle(withdrawn.id, 'WITHDRAWN');
    expect(errorCode(await refused)).toBe('FORBIDDEN');
  });

  // Last: it stops the appointment service.
  it('applies one event delivered twice at once to one relationship, with no processed-event mark or transaction', async () => {
    const patientId = await provisionPatient();
    const held = await appointments.add(AppointmentStatus.CONFIRMED, { patientId });
    const event = confirmedEvent({ appointmentId: held.id, doctorId: held.doctorId, patientId });
    // Two deliveries of the same event, racing: both find no relationship, both insert; the second's duplicate key
    // is the relationship already there, not a failure (the job completes; a failed one would time out here).
    const jobIds = await Promise.all([push(event), push(event)]);
    const jobs = await Promise.all(jobIds.map((id) => queue.getJob(id)));
    expect(jobs.map((job) => job?.failedReason ?? null)).toEqual([null, null]);
    expect(await caringDoctors(patientId)).toEqual([held.doctorId]);
    const connection = await createConnection({ uri: databaseUrl });
    try {
      const [marks] = await connection.query('select id from processed_events where id = ?', [
        `patient-care:${event.id}`,
      ]);
      expect(marks).toEqual([]);
    } finally {
      await connection.end();
    }
  });

  it('ends the job at once when the relationship the event names is recorded already, without asking the appointment service', async () => {
    const patientId = await provisionPatient();
    const held = await appointments.add(AppointmentStatus.CONFIRMED, { patientId });
    await push(confirmedEvent({ appointmentId: held.id, doctorId: held.doctorId, patientId }));
    const again = await appointments.add(AppointmentStatus.CONFIRMED, { patientId, doctorId: held.doctorId });
    await appointments.stop();
    appointments = undefined as unknown as AppointmentFixture;
    // With the source down, a job that needed it would fail and wait for a retry; this one completes.
    await push(confirmedEvent({ appointmentId: again.id, doctorId: held.doctorId, patientId }));
    expect(await caringDoctors(patientId)).toEqual([held.doctorId]);
  });
});
