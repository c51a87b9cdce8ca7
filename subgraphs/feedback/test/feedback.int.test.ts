import { AppointmentStatus, createEvent, OutboxEvent, Role } from '@carebook/platform';
import { AppointmentFixture, dropDatabase, errorCode, freshDatabaseUrl, postAsGateway, postGraphql, startAppointmentFixture, startTestIssuer, TestIssuer, testPortBase } from '@carebook/platform/testing';
import { Queue } from 'bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import { RunningFeedback, startFeedback } from '../src/app';
import { loadFeedbackConfig } from '../src/config';
import { Feedback } from '../src/entities';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SUBMIT = 'mutation($appointmentId: ID!, $rating: Int!, $comment: String) { submitFeedback(appointmentId: $appointmentId, rating: $rating, comment: $comment) { id rating comment createdAt } }';
const RATINGS = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Doctor { id rating reviewCount } } }';
const APPOINTMENT_FEEDBACK = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Appointment { id feedback { rating comment } } } }';

interface Visit {
  id: string;
  patientId: string;
  doctorId: string;
  status: AppointmentStatus;
}

/**
 * Feedback against the real appointment service (its own process, on a
 * fresh database holding the appointments the tests write), MariaDB and Redis.
 */
describe('feedback subgraph', () => {
  const feedbackDb = freshDatabaseUrl('feedback');
  const prefix = `test-feedback-${process.pid}-${randomBytes(3).toString('hex')}`;
  let issuer: TestIssuer;
  let appointment: AppointmentFixture;
  let feedback: RunningFeedback;
  let requests: Queue;
  const doctors = [randomUUID(), randomUUID(), randomUUID()];

  const tokenOf = (id: string, role = Role.PATIENT) => issuer.mint({ sub: id, role });
  const gql = (query: string, variables: Record<string, unknown>, token: string) => postAsGateway('feedback', feedback.url, query, variables, token);

  async function appointmentRow(status: AppointmentStatus, doctorId = doctors[0]): Promise<Visit> {
    const row = await appointment.add(status, { doctorId });
    return { id: row.id, patientId: row.patientId, doctorId, status };
  }

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const base = testPortBase();
    const env = { NODE_ENV: 'test', AUTH_JWKS_URL: issuer.jwksUrl, REDIS_PREFIX: prefix, APPOINTMENT_URL: `http://127.0.0.1:${base + 5}` };
    appointment = await startAppointmentFixture(base + 5, env);
    feedback = await startFeedback(loadFeedbackConfig({ ...process.env, ...env, LOG_LEVEL: 'silent', FEEDBACK_PORT: '0', FEEDBACK_DB_URL: feedbackDb }));
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    requests = new Queue('feedback', { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix });
  }, 90_000);

  afterAll(async () => {
    await requests?.obliterate({ force: true }).catch(() => undefined);
    await requests?.close();
    await feedback?.stop();
    await appointment?.stop();
    await issuer?.stop();
    await dropDatabase(feedbackDb);
  });

  it('takes the rating of the patient of a completed appointment once, right after completion', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const token = await tokenOf(visit.patientId);
    const given = await gql(SUBMIT, { appointmentId: visit.id, rating: 4, comment: '  Listened well.  ' }, token);
    expect(given.errors).toBeUndefined();
    expect(given.data.submitFeedback).toMatchObject({ rating: 4, comment: 'Listened well.' });
    expect(errorCode(await gql(SUBMIT, { appointmentId: visit.id, rating: 5 }, token))).toBe('CONFLICT');
    const submitted = await feedback.orm.em.fork().find(OutboxEvent, { type: 'FEEDBACK_SUBMITTED' });
    expect(submitted.map((row) => JSON.parse(row.envelope).payload)).toEqual([{ feedbackId: given.data.submitFeedback.id, appointmentId: visit.id, doctorId: visit.doctorId, rating: 4 }]);
  });

  it('keeps one feedback when the patient submits many at once', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const token = await tokenOf(visit.patientId);
    const results = await Promise.all(Array.from({ length: 6 }, () => gql(SUBMIT, { appointmentId: visit.id, rating: 3 }, token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(Array(5).fill('CONFLICT'));
    expect(await feedback.orm.em.fork().count(Feedback, { appointmentId: visit.id })).toBe(1);
  });

  it('refuses bad ratings and comments, other people, and visits that are not completed, writing nothing', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const token = await tokenOf(visit.patientId);
    for (const rating of [0, 6, -1]) expect(errorCode(await gql(SUBMIT, { appointmentId: visit.id, rating }, token))).toBe('BAD_USER_INPUT');
    const long = await gql(SUBMIT, { appointmentId: visit.id, rating: 4, comment: 'x'.repeat(2001) }, token);
    expect(errorCode(long)).toBe('BAD_USER_INPUT');
    expect(long.errors![0].extensions!.field).toBe('comment');
    expect(errorCode(await gql(SUBMIT, { appointmentId: visit.id, rating: 4 }, await tokenOf(randomUUID())))).toBe('FORBIDDEN');
    expect(errorCode(await gql(SUBMIT, { appointmentId: visit.id, rating: 4 }, await tokenOf(visit.doctorId, Role.DOCTOR)))).toBe('FORBIDDEN');
    expect(errorCode(await gql(SUBMIT, { appointmentId: visit.id, rating: 4 }, await tokenOf(randomUUID(), Role.ADMIN)))).toBe('FORBIDDEN');
    expect(errorCode(await gql(SUBMIT, { appointmentId: randomUUID(), rating: 4 }, token))).toBe('NOT_FOUND');
    for (const status of [AppointmentStatus.CONFIRMED, AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW]) {
      const open = await appointmentRow(status);
      expect(errorCode(await gql(SUBMIT, { appointmentId: open.id, rating: 4 }, await tokenOf(open.patientId)))).toBe('CONFLICT');
    }
    expect(await feedback.orm.em.fork().count(Feedback, { appointmentId: visit.id })).toBe(0);
    const exactly = await gql(SUBMIT, { appointmentId: visit.id, rating: 5, comment: 'y'.repeat(2000) }, token);
    expect(exactly.errors).toBeUndefined();
  });

  it("averages each doctor's ratings in one batch, null without reviews", async () => {
    for (const rating of [5, 4, 4]) {
      const visit = await appointmentRow(AppointmentStatus.COMPLETED, doctors[1]);
      expect((await gql(SUBMIT, { appointmentId: visit.id, rating }, await tokenOf(visit.patientId))).errors).toBeUndefined();
    }
    const answer = await gql(RATINGS, { reps: doctors.slice(1).map((id) => ({ __typename: 'Doctor', id })) }, '');
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities).toEqual([
      { id: doctors[1], rating: 4.33, reviewCount: 3 },
      { id: doctors[2], rating: null, reviewCount: 0 },
    ]);
  });

  it("shows an appointment's feedback to its patient, its doctor and admins only", async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED, doctors[2]);
    await gql(SUBMIT, { appointmentId: visit.id, rating: 2, comment: 'Long wait.' }, await tokenOf(visit.patientId));
    const seen = async (token: string) => (await gql(APPOINTMENT_FEEDBACK, { reps: [{ __typename: 'Appointment', id: visit.id }] }, token)).data._entities[0].feedback;
    expect(await seen(await tokenOf(visit.patientId))).toEqual({ rating: 2, comment: 'Long wait.' });
    expect(await seen(await tokenOf(doctors[2], Role.DOCTOR))).toEqual({ rating: 2, comment: 'Long wait.' });
    expect(await seen(await tokenOf(randomUUID(), Role.ADMIN))).toEqual({ rating: 2, comment: 'Long wait.' });
    expect(await seen(await tokenOf(randomUUID()))).toBeNull();
    expect(await seen(await tokenOf(doctors[0], Role.DOCTOR))).toBeNull();
    const raw = await postGraphql(feedback.url, APPOINTMENT_FEEDBACK, { reps: [{ __typename: 'Appointment', id: visit.id }] }, await tokenOf(visit.patientId));
    expect({ status: raw.status, code: errorCode(raw), data: raw.data }).toEqual({ status: 401, code: 'UNAUTHENTICATED', data: undefined });
  });

  it('asks for feedback once per completion event, however often it is delivered', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const event = createEvent('appointment', 'APPOINTMENT_COMPLETED', { type: 'Appointment', id: visit.id }, {
      appointmentId: visit.id,
      patientId: visit.patientId,
      doctorId: visit.doctorId,
      serviceId: randomUUID(),
      slotId: randomUUID(),
      startsAt: new Date().toISOString(),
      endsAt: new Date().toISOString(),
      price: '40.00',
      currency: 'EUR',
    });
    const jobs = [await requests.add(event.type, event, { jobId: `a-${randomUUID()}` }), await requests.add(event.type, event, { jobId: `b-${randomUUID()}` })];
    const deadline = Date.now() + 10_000;
    while ((await Promise.all(jobs.map((job) => job.getState()))).some((state) => state !== 'completed') && Date.now() < deadline) await sleep(50);
    const asked = (await feedback.orm.em.fork().find(OutboxEvent, { type: 'FEEDBACK_REQUESTED' })).map((row) => JSON.parse(row.envelope).payload);
    expect(asked).toEqual([{ appointmentId: visit.id, patientId: visit.patientId, doctorId: visit.doctorId }]);

    // A patient who rated the visit before its completion event arrived is not asked.
    const rated = await appointmentRow(AppointmentStatus.COMPLETED);
    expect((await gql(SUBMIT, { appointmentId: rated.id, rating: 5 }, await tokenOf(rated.patientId))).errors).toBeUndefined();
    const late = await requests.add('APPOINTMENT_COMPLETED', { ...event, id: randomUUID(), payload: { ...event.payload, appointmentId: rated.id, patientId: rated.patientId } }, { jobId: `c-${randomUUID()}` });
    const until = Date.now() + 10_000;
    while ((await late.getState()) !== 'completed' && Date.now() < until) await sleep(50);
    expect(await late.getState()).toBe('completed');
    expect(await feedback.orm.em.fork().count(OutboxEvent, { type: 'FEEDBACK_REQUESTED' })).toBe(1);
  });
});
