import { createFieldSealer, parseKeyRing, SealedText } from '@carebook/platform';
import { runKeyRotationCommand, postAsGateway, variant } from '@carebook/platform/testing';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { startAppointment } from '../src/app';
import { loadAppointmentConfig } from '../src/config';
import { SEALED } from '../src/domain/sealed-columns';
import { Appointment, AppointmentChange } from '../src/entities';
import { AppointmentStatus } from '../src/entities/appointment-status.enum';
import { BookingStack, eachStore } from './booking-stack';
import {
  BookDocument,
  CancelDocument,
  CompleteDocument,
  RescheduleDocument,
  VisitTextsDocument,
} from './generated/operations';

jest.setTimeout(90_000);

const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

eachStore('visit reasons, notes and history sealed at rest on %s', (store, databaseUrl) => {
  let url: string;
  let stack: BookingStack;

  beforeAll(async () => {
    url = databaseUrl();
    stack = await BookingStack.start(url, { appointmentEnv: { DATA_ENCRYPTION_KEYS: k1 } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function book(reason?: string) {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:00', 30);
    const patient = await stack.patient();
    const response = await stack.gql(
      BookDocument,
      { input: { slotId: slots[0].id, serviceId: service.id, reason } },
      patient.token,
    );
    expect(response.data?.bookAppointment?.__typename).toBe('BookingConfirmed');
    return { id: variant(response.data!.bookAppointment, 'BookingConfirmed').appointment.id, slots, patient, doctorId };
  }

  /** Every sealed text stored for these appointments and their history, as the store holds it (MariaDB: read with mysql2). */
  async function storedTexts(ids: string[]): Promise<Array<string | null>> {
    if (store === 'MariaDB') {
      const connection = await createConnection({ uri: url });
      try {
        const [visits] = await connection.query(
          'select reason, cancellation_reason, completion_notes from appointments where id in (?)',
          [ids],
        );
        const [changes] = await connection.query('select note from appointment_changes where appointment_id in (?)', [
          ids,
        ]);
        return [
          ...(visits as Array<Record<'reason' | 'cancellation_reason' | 'completion_notes', string | null>>).flatMap(
            (v) => [v.reason, v.cancellation_reason, v.completion_notes],
          ),
          ...(changes as Array<{ note: string | null }>).map((c) => c.note),
        ];
      } finally {
        await connection.end();
      }
    }
    const em = stack.appointment.orm.em.fork();
    const visits = await em.find(Appointment, { id: { $in: ids } });
    const changes = await em.find(AppointmentChange, { appointmentId: { $in: ids } });
    return [
      ...visits.flatMap((v) => [v.reason, v.cancellationReason, v.completionNotes]),
      ...changes.map((c) => c.note),
    ];
  }

  let moved: { id: string };
  let cancelled: { id: string; rescheduledNote: string | null };
  let completed: { id: string };

  it('stores the visit reason, cancellation reason, completion notes and history notes only sealed; the API answers them as written', async () => {
    const first = await book('Persistent cough since March');
    const moveTo = await stack.openSlots(first.doctorId, stack.freshDay(), '14:00', '14:30', 30);
    expect(
      (await stack.gql(RescheduleDocument, { id: first.id, newSlotId: moveTo[0].id }, first.patient.token)).errors,
    ).toBeUndefined();
    const cancel = await stack.gql(CancelDocument, { id: first.id, reason: 'Feeling better now' }, first.patient.token);
    expect(cancel.data!.cancelAppointment).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'Feeling better now',
    });

    const second = await book('Knee pain after running');
    await stack.appointment.orm.em
      .fork()
      .nativeUpdate(
        Appointment,
        { id: second.id },
        { startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 29 * 60_000) },
      );
    const done = await stack.gql(
      CompleteDocument,
      { id: second.id, notes: 'Torn meniscus suspected; MRI' },
      await stack.doctorToken(second.doctorId),
    );
    expect(done.errors).toBeUndefined();

    const stored = await storedTexts([first.id, second.id]);
    const present = stored.filter((text): text is string => text !== null);
    // Two reasons, a cancellation reason, completion notes; history notes: four of the first, two of the second (completing adds none).
    expect(present).toHaveLength(2 + 1 + 1 + 4 + 2);
    for (const text of present) expect(text).toMatch(/^v2:k1:/);
    for (const secret of [
      'cough',
      'Feeling better',
      'Knee',
      'meniscus',
      'MRI',
      'booking requested',
      'slot booked',
      'rescheduled',
    ]) {
      expect(JSON.stringify(stored)).not.toContain(secret);
    }

    const read = await stack.gql(VisitTextsDocument, { id: first.id }, first.patient.token);
    expect(read.errors).toBeUndefined();
    const rescheduledNote = read.data!.appointment!.history[2].note;
    expect(rescheduledNote).toMatch(/^rescheduled from \S+ to \S+$/);
    expect(read.data!.appointment).toEqual({
      id: first.id,
      reason: 'Persistent cough since March',
      cancellationReason: 'Feeling better now',
      history: [
        { toStatus: 'PENDING', note: 'booking requested' },
        { toStatus: 'CONFIRMED', note: 'slot booked' },
        { toStatus: 'CONFIRMED', note: rescheduledNote },
        { toStatus: 'CANCELLED', note: 'Feeling better now' },
      ],
    });
    // Completion notes have no GraphQL field; they open with the key, in their own row only.
    const row = await stack.appointmentRow(second.id);
    expect(createFieldSealer(parseKeyRing(k1)).open(SEALED.completionNotes, second.id, row!.completionNotes)).toBe(
      'Torn meniscus suspected; MRI',
    );
    cancelled = { id: first.id, rescheduledNote };
    completed = { id: second.id };
    moved = await book();
  });

  it('refuses a sealed text copied into another appointment: the field errors, nothing leaks', async () => {
    const source = await stack.appointmentRow(cancelled.id);
    await stack.appointment.orm.em.fork().nativeUpdate(Appointment, { id: moved.id }, { reason: source!.reason });
    const read = await stack.gql(VisitTextsDocument, { id: moved.id }, stack.adminToken);
    expect(read.data!.appointment).toMatchObject({ id: moved.id, reason: null });
    expect(read.errors).toEqual([
      expect.objectContaining({ path: ['appointment', 'reason'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    expect(JSON.stringify(read)).not.toContain('cough');
    await stack.appointment.orm.em.fork().nativeUpdate(Appointment, { id: moved.id }, { reason: null });
  });

  it('reads texts stored before sealing as they were; `rotate-keys` seals them and moves everything to k2, after which k2 alone reads them', async () => {
    const legacy = await book('placeholder');
    const em = stack.appointment.orm.em.fork();
    // As a row written before this change left them: plain text.
    await em.nativeUpdate(Appointment, { id: legacy.id }, { reason: 'Written before sealing' as SealedText });
    await em.nativeUpdate(
      AppointmentChange,
      { appointmentId: legacy.id, toStatus: AppointmentStatus.PENDING },
      { note: 'plain history note' as SealedText },
    );
    const before = await stack.gql(VisitTextsDocument, { id: legacy.id }, stack.adminToken);
    expect(before.data!.appointment).toMatchObject({
      reason: 'Written before sealing',
      history: [{ note: 'plain history note' }, { note: 'slot booked' }],
    });

    const rotation = await runKeyRotationCommand(
      'appointment',
      { NODE_ENV: 'test', APPOINTMENT_DB_URL: url, DATA_ENCRYPTION_KEYS: `${k1},${k2}` },
      ['--batch-size', '2'],
    );
    expect(rotation.output).toMatch(/\[appointment\] appointments: \d+ rows, \d+ re-sealed, .*0 unreadable; done/);
    expect(rotation.output).toMatch(/\[appointment\] appointment_changes: \d+ rows, .*; done/);
    expect(rotation.code).toBe(0);
    const stored = (await storedTexts([cancelled.id, completed.id, legacy.id])).filter((text) => text !== null);
    expect(stored.length).toBeGreaterThan(10);
    for (const text of stored) expect(text).toMatch(/^v2:k2:/);

    const onlyK2 = await startAppointment(
      loadAppointmentConfig({
        ...process.env,
        ...stack.env,
        DATA_ENCRYPTION_KEYS: k2,
        LOG_LEVEL: 'silent',
        APPOINTMENT_PORT: '0',
        APPOINTMENT_RECONCILE_EVERY_MS: '3600000',
      }),
    );
    try {
      const legacyRead = await postAsGateway(
        'appointment',
        onlyK2.url,
        VisitTextsDocument,
        { id: legacy.id },
        stack.adminToken,
      );
      expect(legacyRead.errors).toBeUndefined();
      expect(legacyRead.data!.appointment).toMatchObject({
        reason: 'Written before sealing',
        history: [{ note: 'plain history note' }, { note: 'slot booked' }],
      });
      const earlier = await postAsGateway(
        'appointment',
        onlyK2.url,
        VisitTextsDocument,
        { id: cancelled.id },
        stack.adminToken,
      );
      expect(earlier.errors).toBeUndefined();
      expect(earlier.data!.appointment).toMatchObject({
        reason: 'Persistent cough since March',
        cancellationReason: 'Feeling better now',
        history: [
          { note: 'booking requested' },
          { note: 'slot booked' },
          { note: cancelled.rescheduledNote },
          { note: 'Feeling better now' },
        ],
      });
      const notes = (await onlyK2.orm.em.fork().findOne(Appointment, { id: completed.id }))!.completionNotes;
      expect(createFieldSealer(parseKeyRing(k2)).open(SEALED.completionNotes, completed.id, notes)).toBe(
        'Torn meniscus suspected; MRI',
      );
    } finally {
      await onlyK2.stop();
    }
  });
});
