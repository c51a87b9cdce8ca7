import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { AppointmentStatus, createEvent, createFieldSealer, OutboxEvent, parseKeyRing, Role } from '@carebook/platform';
import {
  AppointmentFixture,
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  outboxEvent,
  postAsGateway,
  postGraphql,
  runKeyRotationCommand,
  startAppointmentFixture,
  startTestIssuer,
  TestIssuer,
  testPortBase,
  untilJobCompleted,
} from '@carebook/platform/testing';
import { Queue } from 'bullmq';
import { createConnection } from 'mysql2/promise';
import { randomBytes, randomUUID } from 'node:crypto';
import { RunningFeedback, startFeedback } from '../src/app';
import { loadFeedbackConfig } from '../src/config';
import { SEALED } from '../src/domain/sealed-columns';
import { Feedback } from '../src/entities';
import { AppointmentFeedbackDocument, RatingsDocument, SubmitDocument } from './generated/operations';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

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
  const gql = <T, V>(operation: TypedDocumentNode<T, V>, variables: NoInfer<V>, token: string) =>
    postAsGateway('feedback', feedback.url, operation, variables, token);
  let env: Record<string, string>;
  const feedbackConfig = (keys: string) =>
    loadFeedbackConfig({
      ...process.env,
      ...env,
      LOG_LEVEL: 'silent',
      FEEDBACK_PORT: '0',
      FEEDBACK_DB_URL: feedbackDb,
      DATA_ENCRYPTION_KEYS: keys,
    });

  async function appointmentRow(status: AppointmentStatus, doctorId = doctors[0]): Promise<Visit> {
    const row = await appointment.add(status, { doctorId });
    return { id: row.id, patientId: row.patientId, doctorId, status };
  }

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const base = testPortBase();
    env = {
      NODE_ENV: 'test',
      AUTH_JWKS_URL: issuer.jwksUrl,
      REDIS_PREFIX: prefix,
      APPOINTMENT_URL: `http://127.0.0.1:${base + 5}`,
    };
    appointment = await startAppointmentFixture(base + 5, env);
    feedback = await startFeedback(feedbackConfig(k1));
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    requests = new Queue('feedback', {
      connection: { host: redis.hostname, port: Number(redis.port || 6379) },
      prefix,
    });
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
    const given = await gql(
      SubmitDocument,
      { appointmentId: visit.id, rating: 4, comment: '  Listened well.  ' },
      token,
    );
    expect(given.errors).toBeUndefined();
    expect(given.data!.submitFeedback).toMatchObject({ rating: 4, comment: 'Listened well.' });
    expect(errorCode(await gql(SubmitDocument, { appointmentId: visit.id, rating: 5 }, token))).toBe('CONFLICT');
    const submitted = await feedback.orm.em.fork().find(OutboxEvent, { type: 'FEEDBACK_SUBMITTED' });
    expect(submitted.map((row) => outboxEvent<'FEEDBACK_SUBMITTED'>(row).payload)).toEqual([
      { feedbackId: given.data!.submitFeedback.id, appointmentId: visit.id, doctorId: visit.doctorId, rating: 4 },
    ]);
  });

  it('keeps one feedback when the patient submits many at once', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const token = await tokenOf(visit.patientId);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => gql(SubmitDocument, { appointmentId: visit.id, rating: 3 }, token)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(Array(5).fill('CONFLICT'));
    expect(await feedback.orm.em.fork().count(Feedback, { appointmentId: visit.id })).toBe(1);
  });

  it('refuses bad ratings and comments, other people, and visits that are not completed, writing nothing', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const token = await tokenOf(visit.patientId);
    for (const rating of [0, 6, -1])
      expect(errorCode(await gql(SubmitDocument, { appointmentId: visit.id, rating }, token))).toBe('BAD_USER_INPUT');
    const long = await gql(SubmitDocument, { appointmentId: visit.id, rating: 4, comment: 'x'.repeat(2001) }, token);
    expect(errorCode(long)).toBe('BAD_USER_INPUT');
    expect(long.errors![0].extensions!.field).toBe('comment');
    expect(
      errorCode(await gql(SubmitDocument, { appointmentId: visit.id, rating: 4 }, await tokenOf(randomUUID()))),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await gql(SubmitDocument, { appointmentId: visit.id, rating: 4 }, await tokenOf(visit.doctorId, Role.DOCTOR)),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await gql(SubmitDocument, { appointmentId: visit.id, rating: 4 }, await tokenOf(randomUUID(), Role.ADMIN)),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await gql(SubmitDocument, { appointmentId: randomUUID(), rating: 4 }, token))).toBe('NOT_FOUND');
    for (const status of [AppointmentStatus.CONFIRMED, AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW]) {
      const open = await appointmentRow(status);
      expect(
        errorCode(await gql(SubmitDocument, { appointmentId: open.id, rating: 4 }, await tokenOf(open.patientId))),
      ).toBe('CONFLICT');
    }
    expect(await feedback.orm.em.fork().count(Feedback, { appointmentId: visit.id })).toBe(0);
    const exactly = await gql(SubmitDocument, { appointmentId: visit.id, rating: 5, comment: 'y'.repeat(2000) }, token);
    expect(exactly.errors).toBeUndefined();
  });

  it("averages each doctor's ratings in one batch, null without reviews", async () => {
    for (const rating of [5, 4, 4]) {
      const visit = await appointmentRow(AppointmentStatus.COMPLETED, doctors[1]);
      expect(
        (await gql(SubmitDocument, { appointmentId: visit.id, rating }, await tokenOf(visit.patientId))).errors,
      ).toBeUndefined();
    }
    const answer = await gql(
      RatingsDocument,
      { reps: doctors.slice(1).map((id) => ({ __typename: 'Doctor', id })) },
      '',
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities).toEqual([
      { id: doctors[1], rating: 4.33, reviewCount: 3 },
      { id: doctors[2], rating: null, reviewCount: 0 },
    ]);
  });

  it("shows an appointment's feedback to its patient, its doctor and admins only", async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED, doctors[2]);
    await gql(
      SubmitDocument,
      { appointmentId: visit.id, rating: 2, comment: 'Long wait.' },
      await tokenOf(visit.patientId),
    );
    const seen = async (token: string) =>
      (await gql(AppointmentFeedbackDocument, { reps: [{ __typename: 'Appointment', id: visit.id }] }, token)).data!
        ._entities[0]!.feedback;
    expect(await seen(await tokenOf(visit.patientId))).toEqual({ rating: 2, comment: 'Long wait.' });
    expect(await seen(await tokenOf(doctors[2], Role.DOCTOR))).toEqual({ rating: 2, comment: 'Long wait.' });
    expect(await seen(await tokenOf(randomUUID(), Role.ADMIN))).toEqual({ rating: 2, comment: 'Long wait.' });
    expect(await seen(await tokenOf(randomUUID()))).toBeNull();
    expect(await seen(await tokenOf(doctors[0], Role.DOCTOR))).toBeNull();
    const raw = await postGraphql(
      feedback.url,
      AppointmentFeedbackDocument,
      { reps: [{ __typename: 'Appointment', id: visit.id }] },
      await tokenOf(visit.patientId),
    );
    expect({ status: raw.status, code: errorCode(raw), data: raw.data }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      data: undefined,
    });
  });

  async function rows(sql: string, params: unknown[] = []): Promise<Array<Record<string, string>>> {
    const connection = await createConnection({ uri: feedbackDb });
    try {
      return (await connection.query(sql, params))[0] as Array<Record<string, string>>;
    } finally {
      await connection.end();
    }
  }

  const commentOf = async (token: string, appointmentId: string) => {
    const answer = await gql(
      AppointmentFeedbackDocument,
      { reps: [{ __typename: 'Appointment', id: appointmentId }] },
      token,
    );
    return { feedback: answer.data?._entities[0]!.feedback, errors: answer.errors };
  };

  it('stores comments only sealed, bound to their feedback: the API answers them as written, a copied one does not open', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const token = await tokenOf(visit.patientId);
    const given = await gql(
      SubmitDocument,
      { appointmentId: visit.id, rating: 3, comment: 'The nurse was rude about my anxiety.' },
      token,
    );
    expect(given.data!.submitFeedback).toMatchObject({ rating: 3, comment: 'The nurse was rude about my anxiety.' });
    const [row] = await rows('select id, comment from feedback where appointment_id = ?', [visit.id]);
    expect(row.comment).toMatch(/^v2:k1:/);
    expect(row.comment).not.toContain('anxiety');
    expect(createFieldSealer(parseKeyRing(k1)).open(SEALED.comment, row.id, row.comment)).toBe(
      'The nurse was rude about my anxiety.',
    );
    expect((await commentOf(token, visit.id)).feedback).toEqual({
      rating: 3,
      comment: 'The nurse was rude about my anxiety.',
    });

    const other = await appointmentRow(AppointmentStatus.COMPLETED);
    await gql(SubmitDocument, { appointmentId: other.id, rating: 5, comment: 'Fine.' }, await tokenOf(other.patientId));
    const [otherRow] = await rows('select id, comment from feedback where appointment_id = ?', [other.id]);
    await rows('update feedback set comment = ? where id = ?', [row.comment, otherRow.id]);
    const copied = await commentOf(await tokenOf(other.patientId), other.id);
    expect(copied.feedback).toEqual({ rating: 5, comment: null });
    expect(copied.errors).toEqual([expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(JSON.stringify(copied)).not.toContain('anxiety');
    await rows('update feedback set comment = ? where id = ?', [otherRow.comment, otherRow.id]);
  });

  it('reads comments stored before sealing as they were; `rotate-keys` re-seals every comment under k2, after which k2 alone reads them', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const token = await tokenOf(visit.patientId);
    await gql(SubmitDocument, { appointmentId: visit.id, rating: 4, comment: 'placeholder' }, token);
    await rows('update feedback set comment = ? where appointment_id = ?', ['Written before sealing.', visit.id]);
    expect((await commentOf(token, visit.id)).feedback).toEqual({ rating: 4, comment: 'Written before sealing.' });

    const rotation = await runKeyRotationCommand(
      'feedback',
      { ...env, FEEDBACK_DB_URL: feedbackDb, DATA_ENCRYPTION_KEYS: `${k1},${k2}` },
      ['--batch-size', '3'],
    );
    expect(rotation.output).toMatch(
      /\[feedback\] feedback: \d+ rows, \d+ re-sealed, 0 already current, 0 changed meanwhile, 0 unreadable; done/,
    );
    expect(rotation.code).toBe(0);
    const stored = (await rows('select comment from feedback where comment is not null')).map((row) => row.comment);
    expect(stored.length).toBeGreaterThan(3);
    for (const comment of stored) expect(comment).toMatch(/^v2:k2:/);

    const onlyK2 = await startFeedback(feedbackConfig(k2));
    try {
      const answer = await postAsGateway(
        'feedback',
        onlyK2.url,
        AppointmentFeedbackDocument,
        { reps: [{ __typename: 'Appointment', id: visit.id }] },
        token,
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data!._entities[0]!.feedback).toEqual({ rating: 4, comment: 'Written before sealing.' });
    } finally {
      await onlyK2.stop();
    }
  });

  it('asks for feedback once per completion event, however often it is delivered', async () => {
    const visit = await appointmentRow(AppointmentStatus.COMPLETED);
    const event = createEvent(
      'appointment',
      'APPOINTMENT_COMPLETED',
      { type: 'Appointment', id: visit.id },
      {
        appointmentId: visit.id,
        patientId: visit.patientId,
        doctorId: visit.doctorId,
        serviceId: randomUUID(),
        slotId: randomUUID(),
        startsAt: new Date().toISOString(),
        endsAt: new Date().toISOString(),
        price: '40.00',
        currency: 'EUR',
      },
    );
    const jobs = [
      await requests.add(event.type, event, { jobId: `a-${randomUUID()}` }),
      await requests.add(event.type, event, { jobId: `b-${randomUUID()}` }),
    ];
    const deadline = Date.now() + 10_000;
    while (
      (await Promise.all(jobs.map((job) => job.getState()))).some((state) => state !== 'completed') &&
      Date.now() < deadline
    )
      await sleep(50);
    const asked = (await feedback.orm.em.fork().find(OutboxEvent, { type: 'FEEDBACK_REQUESTED' })).map(
      (row) => outboxEvent<'FEEDBACK_REQUESTED'>(row).payload,
    );
    expect(asked).toEqual([{ appointmentId: visit.id, patientId: visit.patientId, doctorId: visit.doctorId }]);

    // A patient who rated the visit before its completion event arrived is not asked.
    const rated = await appointmentRow(AppointmentStatus.COMPLETED);
    expect(
      (await gql(SubmitDocument, { appointmentId: rated.id, rating: 5 }, await tokenOf(rated.patientId))).errors,
    ).toBeUndefined();
    const late = await requests.add(
      'APPOINTMENT_COMPLETED',
      {
        ...event,
        id: randomUUID(),
        payload: { ...event.payload, appointmentId: rated.id, patientId: rated.patientId },
      },
      { jobId: `c-${randomUUID()}` },
    );
    await untilJobCompleted(late, 10_000);
    expect(await feedback.orm.em.fork().count(OutboxEvent, { type: 'FEEDBACK_REQUESTED' })).toBe(1);
  });
});
