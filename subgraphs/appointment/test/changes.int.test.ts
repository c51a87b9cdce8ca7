import { anyDate, errorCode, eventually, postAsGateway, stringMatching, variant } from '@carebook/platform/testing';
import { AppointmentStatus } from '../src/entities/appointment-status.enum';
import { Appointment, IdempotencyKey } from '../src/entities';
import { BookingStack, eachStore } from './booking-stack';
import { AdminActionLogDocument } from './generated/admin';
import {
  AppointmentCancellationDocument,
  BookDocument,
  CancelDocument,
  CompleteDocument,
  MarkNoShowDocument,
  RescheduleDocument,
} from './generated/operations';

jest.setTimeout(60_000);

eachStore('reschedule, cancel, complete and no-show on %s', (_store, databaseUrl) => {
  let stack: BookingStack;

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl(), { withAdmin: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function bookedAppointment(durationMinutes = 30) {
    const service = await stack.createService(durationMinutes, '50.00');
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '11:00', 30);
    const patient = await stack.patient();
    const response = await stack.gql(
      BookDocument,
      { input: { slotId: slots[0].id, serviceId: service.id } },
      patient.token,
    );
    expect(response.data?.bookAppointment?.__typename).toBe('BookingConfirmed');
    return {
      service,
      doctorId,
      slots,
      patient,
      id: variant(response.data!.bookAppointment, 'BookingConfirmed').appointment.id,
    };
  }

  /** Moves an appointment's times into the past in the store, as if its hour had come. */
  async function letItStart(id: string) {
    await stack.appointment.orm.em
      .fork()
      .nativeUpdate(
        Appointment,
        { id },
        { startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 29 * 60_000) },
      );
  }

  it('reschedules to another doctor and service: new slot booked first, appointment moved with the new price, old slot free, RESCHEDULED event', async () => {
    const booked = await bookedAppointment();
    const pricier = await stack.createService(60, '90.00');
    const otherDoctor = await stack.createDoctor([pricier.id]);
    const [target] = await stack.openSlots(otherDoctor, stack.freshDay(), '14:00', '15:00', 60);

    const response = await stack.gql(
      RescheduleDocument,
      { id: booked.id, newSlotId: target.id, serviceId: pricier.id },
      booked.patient.token,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.rescheduleAppointment).toMatchObject({
      __typename: 'BookingConfirmed',
      appointment: {
        id: booked.id,
        status: 'CONFIRMED',
        startsAt: target.startsAt,
        price: '90.00',
        doctor: { id: otherDoctor },
        slot: { id: target.id },
        service: { id: pricier.id },
      },
    });
    expect(await stack.slot(target.id)).toMatchObject({ status: 'BOOKED', appointmentId: booked.id });
    expect(await stack.slot(booked.slots[0].id)).toMatchObject({ status: 'FREE', appointmentId: null });
    expect(await stack.outbox(booked.id)).toEqual(['APPOINTMENT_CONFIRMED', 'APPOINTMENT_RESCHEDULED']);
    expect((await stack.appointmentRow(booked.id))!.slotCheckDueAt).toBeNull();
  });

  it('leaves the appointment exactly as it was when the target slot is taken, and offers alternatives', async () => {
    const booked = await bookedAppointment();
    const rival = await stack.patient();
    await stack.gql(BookDocument, { input: { slotId: booked.slots[2].id, serviceId: booked.service.id } }, rival.token);
    const before = await stack.appointmentRow(booked.id);

    const response = await stack.gql(
      RescheduleDocument,
      { id: booked.id, newSlotId: booked.slots[2].id },
      booked.patient.token,
    );
    expect(response.data!.rescheduleAppointment).toMatchObject({ __typename: 'SlotUnavailable', reason: 'TAKEN' });
    const alternatives = variant(response.data!.rescheduleAppointment, 'SlotUnavailable').alternatives.map((s) => s.id);
    expect(alternatives).toEqual(expect.arrayContaining([booked.slots[1].id, booked.slots[3].id]));
    expect(alternatives).not.toContain(booked.slots[0].id);
    const after = await stack.appointmentRow(booked.id);
    expect({ ...after, updatedAt: null, slotCheckDueAt: null }).toEqual({
      ...before,
      updatedAt: null,
      slotCheckDueAt: null,
    });
    expect(after!.slotCheckDueAt).toBeNull();
    expect(await stack.slot(booked.slots[0].id)).toMatchObject({ status: 'BOOKED', appointmentId: booked.id });
    expect(await stack.outbox(booked.id)).toEqual(['APPOINTMENT_CONFIRMED']);
  });

  it('checks a reschedule like a first booking: who, same slot, offering, duration', async () => {
    const booked = await bookedAppointment();
    const stranger = await stack.patient();
    const notOffered = await stack.createService(30);
    const long = await stack.createService(60);
    const ask = (variables: object, token: string) =>
      stack.gql(RescheduleDocument, { id: booked.id, newSlotId: booked.slots[1].id, ...variables }, token);
    expect(errorCode(await ask({}, stranger.token))).toBe('FORBIDDEN');
    expect(errorCode(await ask({}, await stack.doctorToken((await stack.patient()).id)))).toBe('FORBIDDEN');
    expect(errorCode(await ask({ newSlotId: booked.slots[0].id }, booked.patient.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await ask({ serviceId: notOffered.id }, booked.patient.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await ask({ serviceId: long.id }, booked.patient.token))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await stack.gql(
          RescheduleDocument,
          { id: 'no-such-appointment', newSlotId: booked.slots[1].id },
          stack.adminToken,
        ),
      ),
    ).toBe('NOT_FOUND');
    // The doctor of the appointment may move it.
    const byDoctor = await ask({}, await stack.doctorToken(booked.doctorId));
    expect(byDoctor.data!.rescheduleAppointment.__typename).toBe('BookingConfirmed');
  });

  it('cancels: CANCELLED with the reason, the slot free again for someone else, once only', async () => {
    const booked = await bookedAppointment();
    expect(errorCode(await stack.gql(CancelDocument, { id: booked.id }, (await stack.patient()).token))).toBe(
      'FORBIDDEN',
    );
    const response = await stack.gql(CancelDocument, { id: booked.id, reason: 'feeling better' }, booked.patient.token);
    expect(response.data!.cancelAppointment).toEqual({
      id: booked.id,
      status: 'CANCELLED',
      cancellationReason: 'feeling better',
    });
    expect(await stack.slot(booked.slots[0].id)).toMatchObject({ status: 'FREE', appointmentId: null });
    expect(await stack.outbox(booked.id)).toEqual(['APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED']);

    const again = await stack.gql(CancelDocument, { id: booked.id }, booked.patient.token);
    expect(errorCode(again)).toBe('CONFLICT');
    const next = await stack.patient();
    const rebook = await stack.gql(
      BookDocument,
      { input: { slotId: booked.slots[0].id, serviceId: booked.service.id } },
      next.token,
    );
    expect(rebook.data!.bookAppointment.__typename).toBe('BookingConfirmed');
  });

  it('completes and marks no-shows: only its doctor or an admin, only once started, only when confirmed', async () => {
    const first = await bookedAppointment();
    const doctorToken = await stack.doctorToken(first.doctorId);
    const early = await stack.gql(CompleteDocument, { id: first.id }, doctorToken);
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0].message).toMatch(/once it has started/);
    await letItStart(first.id);
    expect(errorCode(await stack.gql(CompleteDocument, { id: first.id }, first.patient.token))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await stack.gql(CompleteDocument, { id: first.id }, await stack.doctorToken((await stack.patient()).id)),
      ),
    ).toBe('FORBIDDEN');
    const done = await stack.gql(CompleteDocument, { id: first.id, notes: 'all fine' }, doctorToken);
    expect(done.data!.completeAppointment).toEqual({ id: first.id, status: 'COMPLETED' });
    const twice = await stack.gql(MarkNoShowDocument, { id: first.id }, doctorToken);
    expect(errorCode(twice)).toBe('CONFLICT');
    expect(twice.errors![0].message).toMatch(/this one is COMPLETED/);
    expect(await stack.outbox(first.id)).toEqual(['APPOINTMENT_CONFIRMED', 'APPOINTMENT_COMPLETED']);

    const second = await bookedAppointment();
    await letItStart(second.id);
    expect((await stack.gql(MarkNoShowDocument, { id: second.id }, stack.adminToken)).data!.markNoShow).toEqual({
      id: second.id,
      status: 'NO_SHOW',
    });
    expect(await stack.outbox(second.id)).toEqual(['APPOINTMENT_CONFIRMED', 'APPOINTMENT_NO_SHOW']);

    const third = await bookedAppointment();
    await stack.gql(CancelDocument, { id: third.id }, third.patient.token);
    await letItStart(third.id);
    expect(errorCode(await stack.gql(CompleteDocument, { id: third.id }, stack.adminToken))).toBe('CONFLICT');
  });

  it("records an admin's booking, reschedule, cancellation and completion in the admin action log", async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:30', 30);
    const patient = await stack.patient();
    const booked = await stack.gql(
      BookDocument,
      { input: { slotId: slots[0].id, serviceId: service.id, patientId: patient.id } },
      stack.adminToken,
    );
    const { id } = variant(booked.data!.bookAppointment, 'BookingConfirmed').appointment;
    await stack.gql(RescheduleDocument, { id, newSlotId: slots[1].id }, stack.adminToken);
    await stack.gql(CancelDocument, { id, reason: 'clinic closed' }, stack.adminToken);
    const second = await stack.gql(
      BookDocument,
      { input: { slotId: slots[2].id, serviceId: service.id } },
      patient.token,
    );
    const secondId = variant(second.data!.bookAppointment, 'BookingConfirmed').appointment.id;
    await letItStart(secondId);
    await stack.gql(CompleteDocument, { id: secondId }, stack.adminToken);

    // The entries travel through the appointment service's outbox to the admin service's log.
    const entries = await eventually(async () => {
      const log = await postAsGateway(
        'admin',
        stack.admin!.url,
        AdminActionLogDocument,
        { first: 20 },
        stack.adminToken,
      );
      expect(log.errors).toBeUndefined();
      const entries = log.data!.adminActionLog.edges.map((e) => e.node);
      expect(entries).toEqual(
        expect.arrayContaining([
          { action: 'BOOK_APPOINTMENT', targetId: id },
          { action: 'RESCHEDULE_APPOINTMENT', targetId: id },
          { action: 'CANCEL_APPOINTMENT', targetId: id },
          { action: 'COMPLETE_APPOINTMENT', targetId: secondId },
        ]),
      );
      return entries;
    });
    // The patient's own booking is not an admin action.
    expect(entries.filter((e) => e.targetId === secondId)).toHaveLength(1);
  });

  it('reconciles: a stale PENDING whose slot was booked is confirmed, one whose slot was not is cancelled, and a stray slot is released', async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '12:00', 30);
    const em = stack.appointment.orm.em.fork();
    const old = new Date(Date.now() - 60_000);
    const pending = (slotIndex: number, createdAt = old) =>
      em.create(Appointment, {
        patientId: crypto.randomUUID(),
        doctorId,
        serviceId: service.id,
        slotId: slots[slotIndex].id,
        startsAt: new Date(slots[slotIndex].startsAt),
        endsAt: new Date(slots[slotIndex].endsAt),
        status: AppointmentStatus.PENDING,
        price: '35.00',
        currency: 'EUR',
        createdAt,
      });
    const crashedAfterBooking = pending(0);
    const neverBooked = pending(1);
    const fresh = pending(2, new Date());
    em.create(IdempotencyKey, { patientId: neverBooked.patientId, key: 'lost-answer', appointmentId: neverBooked.id });
    await em.flush();
    // As if the process had died right after book-slot answered.
    await stack.asAppointment.call('scheduling', 'book-slot', {
      slotId: slots[0].id,
      appointmentId: crashedAfterBooking.id,
    });

    // A cancellation whose release never reached scheduling.
    const cancelled = await bookedForCheck(slots[3].id);
    // A reschedule that died after booking its new slot (4) but before moving the appointment off its old one (5).
    const patient = await stack.patient();
    const keeping = await stack.gql(
      BookDocument,
      { input: { slotId: slots[5].id, serviceId: service.id } },
      patient.token,
    );
    const kept = variant(keeping.data!.bookAppointment, 'BookingConfirmed').appointment.id;
    await stack.asAppointment.call('scheduling', 'book-slot', { slotId: slots[4].id, appointmentId: kept });
    await em.fork().nativeUpdate(Appointment, { id: kept }, { slotCheckDueAt: new Date(Date.now() - 1000) });

    const report = await stack.appointment.reconcile();
    expect(report).toMatchObject({ confirmed: 1, abandoned: 1, released: 2 });
    expect(await stack.slot(slots[4].id)).toMatchObject({ status: 'FREE' });
    expect(await stack.slot(slots[5].id)).toMatchObject({ status: 'BOOKED', appointmentId: kept });
    expect(await stack.appointmentRow(kept)).toMatchObject({
      status: 'CONFIRMED',
      slotId: slots[5].id,
      slotCheckDueAt: null,
    });
    expect((await stack.appointmentRow(crashedAfterBooking.id))!.status).toBe('CONFIRMED');
    expect(await stack.outbox(crashedAfterBooking.id)).toEqual(['APPOINTMENT_CONFIRMED']);
    // Read through the API: the stored reason is sealed.
    const abandoned = await stack.gql(AppointmentCancellationDocument, { id: neverBooked.id }, stack.adminToken);
    expect(abandoned.data!.appointment).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: stringMatching(/could not be completed/),
    });
    expect((await stack.appointmentRow(fresh.id))!.status).toBe('PENDING');
    // The first attempt never answered, so its key is free for a retry to book afresh.
    expect(await em.fork().count(IdempotencyKey, { appointmentId: neverBooked.id })).toBe(0);
    expect(await stack.slot(slots[3].id)).toMatchObject({ status: 'FREE' });
    expect((await stack.appointmentRow(cancelled))!.slotCheckDueAt).toBeNull();
    // A second run finds nothing left to do.
    expect(await stack.appointment.reconcile()).toEqual({ confirmed: 0, abandoned: 0, released: 0 });
  });

  it('cancels while scheduling is down; the reconciler frees the slot once it is back, and booking meanwhile fails cleanly', async () => {
    const booked = await bookedAppointment();
    const restart = await stack.stopScheduling();
    let restarted = false;
    try {
      const cancel = await stack.gql(CancelDocument, { id: booked.id }, booked.patient.token);
      expect(cancel.data!.cancelAppointment).toMatchObject({ status: 'CANCELLED' });
      expect(await stack.appointmentRow(booked.id)).toMatchObject({ slotCheckDueAt: anyDate() });

      const patient = await stack.patient();
      const before = await stack.appointment.orm.em.fork().count(Appointment, { patientId: patient.id });
      const attempt = await stack.gql(
        BookDocument,
        { input: { slotId: booked.slots[1].id, serviceId: booked.service.id } },
        patient.token,
      );
      expect(errorCode(attempt)).toBe('INTERNAL_SERVER_ERROR');
      expect(attempt.errors![0].message).toMatch(/scheduling service is not reachable/);
      expect(await stack.appointment.orm.em.fork().count(Appointment, { patientId: patient.id })).toBe(before);

      await restart();
      restarted = true;
      expect(await stack.slot(booked.slots[0].id)).toMatchObject({ status: 'BOOKED', appointmentId: booked.id });
      expect((await stack.appointment.reconcile()).released).toBe(1);
      expect(await stack.slot(booked.slots[0].id)).toMatchObject({ status: 'FREE', appointmentId: null });
      expect((await stack.appointmentRow(booked.id))!.slotCheckDueAt).toBeNull();
    } finally {
      if (!restarted) await restart();
    }
  });

  async function bookedForCheck(slotId: string): Promise<string> {
    const em = stack.appointment.orm.em.fork();
    const slot = await stack.slot(slotId);
    const appointment = em.create(Appointment, {
      patientId: crypto.randomUUID(),
      doctorId: (
        await stack.asAppointment.call<{ slots: Array<{ doctorId: string }> }>('scheduling', 'slots', { ids: [slotId] })
      ).slots[0].doctorId,
      serviceId: 'svc',
      slotId,
      startsAt: new Date(slot.startsAt),
      endsAt: new Date(slot.endsAt),
      status: AppointmentStatus.CANCELLED,
      price: '35.00',
      currency: 'EUR',
      slotCheckDueAt: new Date(Date.now() - 1000),
    });
    await em.flush();
    await stack.asAppointment.call('scheduling', 'book-slot', { slotId, appointmentId: appointment.id });
    return appointment.id;
  }
});
