import { errorCode, postGraphql, variant } from '@carebook/platform/testing';
import { Appointment } from '../src/entities';
import { factsOf } from '../src/use-cases/appointment-log';
import { BookingStack, eachStore } from './booking-stack';
import {
  AppointmentPartiesDocument,
  AppointmentsPageDocument,
  BookDocument,
  CancelDocument,
  CompleteDocument,
  DoctorAppointmentsDocument,
  MarkNoShowDocument,
  MyAppointmentsDocument,
  PatientAppointmentsDocument,
  ScheduleSummaryDocument,
  SlotAppointmentDocument,
} from './generated/operations';

jest.setTimeout(60_000);

eachStore('appointment lists, summary and access on %s', (_store, databaseUrl) => {
  let stack: BookingStack;
  let doctorId: string;
  let otherDoctorId: string;
  let serviceId: string;
  let day: string;
  let slots: Array<{ id: string; startsAt: string }>;
  let patients: Array<{ id: string; token: string }>;
  let ids: string[];

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl());
    serviceId = (await stack.createService(30)).id;
    doctorId = await stack.createDoctor([serviceId]);
    otherDoctorId = await stack.createDoctor([serviceId]);
    day = stack.freshDay();
    slots = await stack.openSlots(doctorId, day, '09:00', '12:00', 30);
    patients = await Promise.all([1, 2, 3, 4].map(() => stack.patient()));
    ids = [];
    for (let i = 0; i < 4; i++) {
      const response = await stack.gql(
        BookDocument,
        { input: { slotId: slots[i].id, serviceId, reason: `visit ${i}` } },
        patients[i].token,
      );
      ids.push(variant(response.data!.bookAppointment, 'BookingConfirmed').appointment.id);
    }
    // One completed, one no-show, one cancelled, one still confirmed; 2 of 6 slots stay free.
    await shiftIntoPast([ids[0], ids[1]]);
    await stack.gql(CompleteDocument, { id: ids[0] }, stack.adminToken);
    await stack.gql(MarkNoShowDocument, { id: ids[1] }, stack.adminToken);
    await restoreStart([ids[0], ids[1]], [slots[0].startsAt, slots[1].startsAt]);
    await stack.gql(CancelDocument, { id: ids[2] }, patients[2].token);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function shiftIntoPast(appointmentIds: string[]) {
    await stack.appointment.orm.em
      .fork()
      .nativeUpdate(Appointment, { id: { $in: appointmentIds } }, { startsAt: new Date(Date.now() - 60_000) });
  }
  /** Back to their real day, so the summary counts them where the slot is. */
  async function restoreStart(appointmentIds: string[], starts: string[]) {
    for (let i = 0; i < appointmentIds.length; i++) {
      await stack.appointment.orm.em
        .fork()
        .nativeUpdate(Appointment, { id: appointmentIds[i] }, { startsAt: new Date(starts[i]) });
    }
  }

  it('pages appointments with a cursor and totalCount; a doctor sees only their own, a patient none', async () => {
    const doctorToken = await stack.doctorToken(doctorId);
    const page1 = await stack.gql(AppointmentsPageDocument, { filter: {}, first: 3 }, doctorToken);
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.appointments.totalCount).toBe(4);
    expect(page1.data!.appointments.edges).toHaveLength(3);
    expect(page1.data!.appointments.pageInfo.hasNextPage).toBe(true);
    const page2 = await stack.gql(
      AppointmentsPageDocument,
      { filter: {}, first: 3, after: page1.data!.appointments.pageInfo.endCursor },
      doctorToken,
    );
    expect(page2.data!.appointments.edges).toHaveLength(1);
    expect(page2.data!.appointments.pageInfo.hasNextPage).toBe(false);
    const seen = [...page1.data!.appointments.edges, ...page2.data!.appointments.edges].map((e) => e.node.id);
    expect(seen.sort()).toEqual([...ids].sort());
    // Latest start first.
    expect(page1.data!.appointments.edges[0].node.id).toBe(ids[3]);

    const filtered = await stack.gql(
      AppointmentsPageDocument,
      { filter: { status: ['CONFIRMED', 'COMPLETED'], from: slots[0].startsAt, to: slots[3].startsAt } },
      stack.adminToken,
    );
    expect(filtered.data!.appointments.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    expect(filtered.data!.appointments.totalCount).toBe(1);
    const byPatient = await stack.gql(
      AppointmentsPageDocument,
      { filter: { patientId: patients[1].id } },
      stack.adminToken,
    );
    expect(byPatient.data!.appointments.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ id: ids[1], patient: { id: patients[1].id }, doctor: { id: doctorId } }),
    ]);

    const otherDoctor = await stack.doctorToken(otherDoctorId);
    expect((await stack.gql(AppointmentsPageDocument, { filter: {} }, otherDoctor)).data!.appointments.totalCount).toBe(
      0,
    );
    expect(errorCode(await stack.gql(AppointmentsPageDocument, { filter: { doctorId } }, otherDoctor))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await stack.gql(AppointmentsPageDocument, { filter: {} }, patients[0].token))).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql(AppointmentsPageDocument, { filter: {}, first: 0 }, stack.adminToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await stack.gql(AppointmentsPageDocument, { filter: {}, after: 'garbage' }, stack.adminToken)),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await stack.gql(
          AppointmentsPageDocument,
          { filter: { from: slots[3].startsAt, to: slots[0].startsAt } },
          stack.adminToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it("answers myAppointments with the caller's own, filtered by status", async () => {
    const mine = await stack.gql(MyAppointmentsDocument, {}, patients[2].token);
    expect(mine.data!.myAppointments).toEqual([
      expect.objectContaining({
        id: ids[2],
        status: 'CANCELLED',
        reason: 'visit 2',
        doctor: { id: doctorId },
        service: { id: serviceId },
      }),
    ]);
    expect(
      (await stack.gql(MyAppointmentsDocument, { status: ['CONFIRMED'] }, patients[2].token)).data!.myAppointments,
    ).toEqual([]);
    const asDoctor = await stack.gql(
      MyAppointmentsDocument,
      { status: ['COMPLETED', 'NO_SHOW'] },
      await stack.doctorToken(doctorId),
    );
    expect(asDoctor.data!.myAppointments.map((a) => a.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(errorCode(await stack.gql(MyAppointmentsDocument, {}))).toBe('UNAUTHENTICATED');
  });

  it('summarises the day: free and booked slots from scheduling, outcomes from appointments, utilization', async () => {
    const response = await stack.gql(
      ScheduleSummaryDocument,
      { from: day, to: day, groupBy: 'DAY', doctorId },
      stack.adminToken,
    );
    expect(response.errors).toBeUndefined();
    // 6 slots: 3 still booked (completed, no-show, confirmed), the cancelled one's slot is free again.
    expect(response.data!.scheduleSummary).toEqual([
      { periodStart: day, freeSlots: 3, bookedSlots: 3, completed: 1, cancelled: 1, noShows: 1, utilization: 0.5 },
    ]);

    const asDoctor = await stack.gql(
      ScheduleSummaryDocument,
      { from: day, to: day, groupBy: 'MONTH' },
      await stack.doctorToken(doctorId),
    );
    expect(asDoctor.data!.scheduleSummary).toEqual([
      expect.objectContaining({ periodStart: `${day.slice(0, 7)}-01`, bookedSlots: 3, completed: 1 }),
    ]);
    const otherDoctor = await stack.gql(
      ScheduleSummaryDocument,
      { from: day, to: day, groupBy: 'WEEK' },
      await stack.doctorToken(otherDoctorId),
    );
    expect(otherDoctor.data!.scheduleSummary).toEqual([
      expect.objectContaining({ freeSlots: 0, bookedSlots: 0, completed: 0, utilization: 0 }),
    ]);

    expect(
      errorCode(
        await stack.gql(
          ScheduleSummaryDocument,
          { from: day, to: day, groupBy: 'DAY', doctorId },
          await stack.doctorToken(otherDoctorId),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await stack.gql(ScheduleSummaryDocument, { from: day, to: day, groupBy: 'DAY' }, patients[0].token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await stack.gql(
          ScheduleSummaryDocument,
          { from: '2026-01-01', to: '2027-06-01', groupBy: 'DAY' },
          stack.adminToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await stack.gql(ScheduleSummaryDocument, { from: day, to: '2020-01-01', groupBy: 'DAY' }, stack.adminToken),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await stack.gql(ScheduleSummaryDocument, { from: '2026-02-30', to: day, groupBy: 'DAY' }, stack.adminToken),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('extends Patient, Doctor and Slot with appointments, each shown only to those allowed', async () => {
    const reps = (typename: string, id: string) => ({ r: [{ __typename: typename, id }] });
    const self = await stack.gql(PatientAppointmentsDocument, reps('Patient', patients[0].id), patients[0].token);
    expect(self.data!._entities[0]!.appointments).toEqual([{ id: ids[0] }]);
    expect(
      errorCode(await stack.gql(PatientAppointmentsDocument, reps('Patient', patients[0].id), patients[1].token)),
    ).toBe('FORBIDDEN');
    expect(
      (await stack.gql(PatientAppointmentsDocument, reps('Patient', patients[0].id), await stack.doctorToken(doctorId)))
        .data!._entities[0]!.appointments,
    ).toEqual([{ id: ids[0] }]);
    expect(
      (
        await stack.gql(
          PatientAppointmentsDocument,
          reps('Patient', patients[0].id),
          await stack.doctorToken(otherDoctorId),
        )
      ).data!._entities[0]!.appointments,
    ).toEqual([]);

    const doctorOwn = await stack.gql(
      DoctorAppointmentsDocument,
      reps('Doctor', doctorId),
      await stack.doctorToken(doctorId),
    );
    expect(doctorOwn.data!._entities[0]!.appointments).toHaveLength(4);
    expect(
      errorCode(
        await stack.gql(DoctorAppointmentsDocument, reps('Doctor', doctorId), await stack.doctorToken(otherDoctorId)),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql(DoctorAppointmentsDocument, reps('Doctor', doctorId), patients[0].token))).toBe(
      'FORBIDDEN',
    );

    const slotOf = async (slotId: string, token: string) =>
      (await stack.gql(SlotAppointmentDocument, reps('Slot', slotId), token)).data!._entities[0]!.appointment;
    expect(await slotOf(slots[3].id, patients[3].token)).toEqual({ id: ids[3], status: 'CONFIRMED' });
    expect(await slotOf(slots[3].id, await stack.doctorToken(doctorId))).toEqual({ id: ids[3], status: 'CONFIRMED' });
    expect(await slotOf(slots[3].id, patients[0].token)).toBeNull();
    expect(await slotOf(slots[3].id, await stack.doctorToken(otherDoctorId))).toBeNull();
    // The cancelled appointment no longer holds its slot.
    expect(await slotOf(slots[2].id, stack.adminToken)).toBeNull();
  });

  it("refuses the slot's appointment to anyone without a signed-in user, and everything without the gateway's caller token", async () => {
    const r = { r: [{ __typename: 'Slot', id: slots[3].id }] };
    const noUser = await stack.gql(SlotAppointmentDocument, r);
    expect(errorCode(noUser)).toBe('UNAUTHENTICATED');
    expect(noUser.data?._entities?.[0]?.appointment ?? null).toBeNull();
    for (const token of [undefined, patients[3].token, stack.adminToken]) {
      const raw = await postGraphql(stack.appointment.url, SlotAppointmentDocument, r, token);
      expect({ status: raw.status, code: errorCode(raw), data: raw.data }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
    }
  });

  it('loads the appointments of many patients with one query', async () => {
    const queries: string[] = [];
    const orm = stack.appointment.orm;
    const logger = orm.config.getLogger();
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (context) => {
      const query = context.query ?? '';
      if (/from `appointments`/.test(query)) queries.push(query);
      return original(context);
    };
    orm.config.set('debug', ['query']);
    try {
      const r = patients.map((p) => ({ __typename: 'Patient', id: p.id }));
      const response = await stack.gql(PatientAppointmentsDocument, { r }, stack.adminToken);
      expect(response.data!._entities.map((e) => e!.appointments.length)).toEqual([1, 1, 1, 1]);
    } finally {
      orm.config.set('debug', false);
      logger.logQuery = original;
    }
    if (_store === 'MariaDB') expect(queries).toHaveLength(1);
  });
  it("answers another service's lookup by ids with each appointment's record as stored (the notification workers' question)", async () => {
    const stored = await stack.appointment.orm.em.fork().find(Appointment, { id: { $in: ids } });
    const expected = stored
      .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())
      .map((a) => ({
        ...factsOf(a),
        status: a.status,
        price: a.price,
        currency: a.currency,
        lateCancellation: a.lateCancelledAt !== null,
      }));
    const answer = await stack.asPatient.call<{ appointments: unknown[] }>('appointment', 'appointments', {
      ids: [...ids, '00000000-0000-4000-8000-000000000000'],
    });
    expect({ count: stored.length, appointments: answer.appointments }).toEqual({
      count: ids.length,
      appointments: expected,
    });
    expect(await stack.asPatient.call('appointment', 'appointments', { ids: [] })).toEqual({ appointments: [] });
  });

  it("tells another service, in one call, which of several patients have appointments with a doctor (the patient service's care check)", async () => {
    const ask = async (doctor: string, patientIds: string[]) =>
      new Set(
        (
          await stack.asPatient.call<{ appointments: Array<{ patientId: string }> }>('appointment', 'appointments', {
            doctorId: doctor,
            patientIds,
          })
        ).appointments.map((a) => a.patientId),
      );
    const stranger = '00000000-0000-4000-8000-000000000000';
    expect(await ask(doctorId, [patients[0].id, patients[3].id, stranger])).toEqual(
      new Set([patients[0].id, patients[3].id]),
    );
    expect(await ask(otherDoctorId, [patients[0].id, patients[3].id])).toEqual(new Set());
  });

  it('shows one appointment (appointment(id), for live schedules) to its patient, its doctor and admins only', async () => {
    for (const token of [patients[3].token, await stack.doctorToken(doctorId), stack.adminToken]) {
      const response = await stack.gql(AppointmentPartiesDocument, { id: ids[3] }, token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.appointment).toEqual({
        id: ids[3],
        status: 'CONFIRMED',
        patient: { id: patients[3].id },
        doctor: { id: doctorId },
      });
    }
    for (const token of [patients[0].token, await stack.doctorToken(otherDoctorId)]) {
      const refused = await stack.gql(AppointmentPartiesDocument, { id: ids[3] }, token);
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.data?.appointment ?? null).toBeNull();
    }
    expect(errorCode(await stack.gql(AppointmentPartiesDocument, { id: ids[3] }))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(
        await stack.gql(AppointmentPartiesDocument, { id: '00000000-0000-4000-8000-000000000000' }, stack.adminToken),
      ),
    ).toBe('NOT_FOUND');
  });
});
