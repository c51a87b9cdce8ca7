import { EventType, OutboxEvent } from '@carebook/platform';
import { anyString, outboxEvent, variant } from '@carebook/platform/testing';
import { Appointment } from '../src/entities';
import { BookingStack, eachStore } from './booking-stack';
import { BookDocument, CancelJudgedDocument, RescheduleDocument } from './generated/operations';

jest.setTimeout(60_000);

const DAY = 1440;

/**
 * The clinic's booking rules on the appointment service, with the real doctor
 * (which owns each service's rules) and scheduling services: minimum notice
 * and horizon for patients' bookings and moves, late cancellations inside
 * the cancellation window, and staff bound by none of them.
 */
eachStore('booking policy on %s', (_store, databaseUrl) => {
  let stack: BookingStack;

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl());
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function clinic(rules: Parameters<BookingStack['setPolicy']>[1]) {
    const service = await stack.createService(30, '60.00');
    await stack.setPolicy(service.id, rules);
    const doctorId = await stack.createDoctor([service.id]);
    return { service, doctorId };
  }

  async function book(slotId: string, serviceId: string, token: string, patientId?: string) {
    const response = await stack.gql(
      BookDocument,
      { input: { slotId, serviceId, ...(patientId ? { patientId } : {}) } },
      token,
    );
    return response;
  }

  async function booked(slotId: string, serviceId: string) {
    const patient = await stack.patient();
    const response = await book(slotId, serviceId, patient.token);
    expect(response.data?.bookAppointment?.__typename).toBe('BookingConfirmed');
    return { patient, id: variant(response.data!.bookAppointment, 'BookingConfirmed').appointment.id };
  }

  const eventPayload = async <T extends EventType>(appointmentId: string, type: T) => {
    const rows = await stack.appointment.orm.em.fork().find(OutboxEvent, { aggregateId: appointmentId, type });
    return outboxEvent<T>(rows[0]).payload;
  };

  it('lets a patient book only from the minimum notice to the horizon, naming the rule and the limit; an admin books anywhere', async () => {
    const { service, doctorId } = await clinic({ minNoticeMinutes: 3 * DAY, horizonMinutes: 6 * DAY });
    const [tooSoon] = await stack.openSlots(doctorId, stack.dayAhead(1), '09:00', '09:30', 30);
    const [inWindow] = await stack.openSlots(doctorId, stack.dayAhead(4), '09:00', '09:30', 30);
    const [tooFar] = await stack.openSlots(doctorId, stack.dayAhead(10), '09:00', '09:30', 30);
    const patient = await stack.patient();

    const before = Date.now();
    const soon = await book(tooSoon.id, service.id, patient.token);
    expect(soon.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slotId', rule: 'MIN_NOTICE' });
    const earliest = Date.parse(soon.errors![0].extensions!.earliestAllowed as string);
    expect(earliest).toBeGreaterThanOrEqual(before + 3 * DAY * 60_000);
    expect(soon.errors![0].message).toContain('3d notice');
    expect(soon.errors![0].message).toContain(soon.errors![0].extensions!.earliestAllowed);

    const far = await book(tooFar.id, service.id, patient.token);
    expect(far.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'slotId',
      rule: 'HORIZON',
      latestAllowed: anyString(),
    });
    expect(Date.parse(far.errors![0].extensions!.latestAllowed as string)).toBeLessThan(Date.parse(tooFar.startsAt));

    // Refused bookings wrote nothing and took no slot.
    expect(await stack.appointment.orm.em.fork().count(Appointment, { patientId: patient.id })).toBe(0);
    expect(await stack.slot(tooSoon.id)).toMatchObject({ status: 'FREE', appointmentId: null });
    expect(await stack.slot(tooFar.id)).toMatchObject({ status: 'FREE', appointmentId: null });

    expect((await book(inWindow.id, service.id, patient.token)).data!.bookAppointment.__typename).toBe(
      'BookingConfirmed',
    );
    for (const slot of [tooSoon, tooFar]) {
      const byAdmin = await book(slot.id, service.id, stack.adminToken, patient.id);
      expect(byAdmin.errors).toBeUndefined();
      expect(byAdmin.data!.bookAppointment.__typename).toBe('BookingConfirmed');
    }
  });

  it('applies the clinic defaults (2h notice, 90 days) to a service without rules of its own', async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const [tomorrow] = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '09:30', 30);
    const [beyond] = await stack.openSlots(doctorId, stack.dayAhead(95), '09:00', '09:30', 30);
    const patient = await stack.patient();
    expect((await book(tomorrow.id, service.id, patient.token)).data!.bookAppointment.__typename).toBe(
      'BookingConfirmed',
    );
    expect((await book(beyond.id, service.id, patient.token)).errors?.[0].extensions).toMatchObject({
      rule: 'HORIZON',
    });
  });

  it('offers a patient only alternatives the rules let them book', async () => {
    const { service, doctorId } = await clinic({ minNoticeMinutes: 3 * DAY, horizonMinutes: 6 * DAY });
    const soon = await stack.openSlots(doctorId, stack.dayAhead(1), '09:00', '10:00', 30);
    const inWindow = await stack.openSlots(doctorId, stack.dayAhead(4), '09:00', '10:30', 30);
    const far = await stack.openSlots(doctorId, stack.dayAhead(10), '09:00', '10:00', 30);
    await book(inWindow[0].id, service.id, stack.adminToken, (await stack.patient()).id);

    const patient = await stack.patient();
    const taken = await book(inWindow[0].id, service.id, patient.token);
    expect(taken.data!.bookAppointment).toMatchObject({ __typename: 'SlotUnavailable', reason: 'TAKEN' });
    const offered = variant(taken.data!.bookAppointment, 'SlotUnavailable').alternatives.map((s) => s.id);
    expect(offered.sort()).toEqual([inWindow[1].id, inWindow[2].id].sort());
    for (const slot of [...soon, ...far]) expect(offered).not.toContain(slot.id);
  });

  it("records a patient's cancellation inside the cancellation window as late, with the booked price in its event; the doctor's is not late", async () => {
    const { service, doctorId } = await clinic({ cancellationWindowMinutes: 30 * DAY });
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:00', 30);

    const first = await booked(slots[0].id, service.id);
    const late = await stack.gql(CancelJudgedDocument, { id: first.id, reason: 'changed plans' }, first.patient.token);
    expect(late.errors).toBeUndefined();
    expect(late.data!.cancelAppointment).toMatchObject({ status: 'CANCELLED', lateCancellation: true });
    expect(late.data!.cancelAppointment.history.at(-1)!.note).toBe(
      'late cancellation (inside the cancellation window): changed plans',
    );
    expect(await eventPayload(first.id, 'APPOINTMENT_CANCELLED')).toMatchObject({
      appointmentId: first.id,
      late: true,
      price: '60.00',
      currency: 'EUR',
      cancelledBy: first.patient.id,
    });
    expect((await stack.appointmentRow(first.id))!.lateCancelledAt).toBeInstanceOf(Date);

    const second = await booked(slots[1].id, service.id);
    const byDoctor = await stack.gql(CancelJudgedDocument, { id: second.id }, await stack.doctorToken(doctorId));
    expect(byDoctor.data!.cancelAppointment).toMatchObject({ status: 'CANCELLED', lateCancellation: false });
    expect(await eventPayload(second.id, 'APPOINTMENT_CANCELLED')).toMatchObject({ late: false, price: '60.00' });
  });

  it('does not count a cancellation before the window as late', async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const [slot] = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '09:30', 30); // at least 33 hours ahead; the window is 24
    const { patient, id } = await booked(slot.id, service.id);
    const cancelled = await stack.gql(CancelJudgedDocument, { id }, patient.token);
    expect(cancelled.data!.cancelAppointment).toMatchObject({ status: 'CANCELLED', lateCancellation: false });
    expect(await eventPayload(id, 'APPOINTMENT_CANCELLED')).toMatchObject({ late: false });
  });

  it("records a patient's move inside the window as a late cancellation and holds the new slot to the rules; the doctor is bound by neither", async () => {
    const { service, doctorId } = await clinic({ minNoticeMinutes: 3 * DAY, cancellationWindowMinutes: 30 * DAY });
    const later = await stack.openSlots(doctorId, stack.dayAhead(4), '09:00', '11:00', 30);
    const [tooSoon] = await stack.openSlots(doctorId, stack.dayAhead(1), '09:00', '09:30', 30);
    const { patient, id } = await booked(later[0].id, service.id);

    const refused = await stack.gql(RescheduleDocument, { id, newSlotId: tooSoon.id }, patient.token);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newSlotId',
      rule: 'MIN_NOTICE',
    });
    expect(await stack.appointmentRow(id)).toMatchObject({ slotId: later[0].id, lateCancelledAt: null });
    expect(await stack.slot(tooSoon.id)).toMatchObject({ status: 'FREE' });

    const moved = await stack.gql(RescheduleDocument, { id, newSlotId: later[1].id }, patient.token);
    expect(moved.data!.rescheduleAppointment.__typename).toBe('BookingConfirmed');
    expect((await stack.appointmentRow(id))!.lateCancelledAt).toBeInstanceOf(Date);
    expect(await eventPayload(id, 'APPOINTMENT_RESCHEDULED')).toMatchObject({ late: true });

    const other = await booked(later[2].id, service.id);
    const byDoctor = await stack.gql(
      RescheduleDocument,
      { id: other.id, newSlotId: tooSoon.id },
      await stack.doctorToken(doctorId),
    );
    expect(byDoctor.errors).toBeUndefined();
    expect(byDoctor.data!.rescheduleAppointment.__typename).toBe('BookingConfirmed');
    expect((await stack.appointmentRow(other.id))!.lateCancelledAt).toBeNull();
  });

  it("refuses a patient's cancel or move once the visit has started, naming its start; an admin still cancels it", async () => {
    const service = await stack.createService(30);
    const doctorId = await stack.createDoctor([service.id]);
    const slots = await stack.openSlots(doctorId, stack.freshDay(), '09:00', '10:00', 30);
    const { patient, id } = await booked(slots[0].id, service.id);
    const startedAt = new Date(Date.now() - 60_000);
    await stack.appointment.orm.em
      .fork()
      .nativeUpdate(Appointment, { id }, { startsAt: startedAt, endsAt: new Date(Date.now() + 29 * 60_000) });

    for (const attempt of [
      () => stack.gql(CancelJudgedDocument, { id }, patient.token),
      () => stack.gql(RescheduleDocument, { id, newSlotId: slots[1].id }, patient.token),
    ]) {
      const refused = await attempt();
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        rule: 'VISIT_STARTED',
        latestAllowed: startedAt.toISOString(),
      });
    }
    expect((await stack.appointmentRow(id))!.status).toBe('CONFIRMED');
    expect(await stack.slot(slots[1].id)).toMatchObject({ status: 'FREE' });
    expect((await stack.gql(CancelJudgedDocument, { id }, stack.adminToken)).data!.cancelAppointment).toMatchObject({
      status: 'CANCELLED',
      lateCancellation: false,
    });
  });
});
