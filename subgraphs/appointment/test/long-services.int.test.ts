import { variant } from '@carebook/platform/testing';
import { Appointment } from '../src/entities/appointment.entity';
import { BookingStack, eachStore, SlotView } from './booking-stack';
import { BookDocument, CancelDocument, RescheduleDocument } from './generated/operations';

jest.setTimeout(60_000);

/** Statuses of the slots, in order, with whose they are ('me' for `appointmentId`). */
async function states(stack: BookingStack, slots: SlotView[], appointmentId?: string) {
  const rows = await Promise.all(slots.map((slot) => stack.slot(slot.id)));
  return rows.map((row) =>
    row.appointmentId ? `${row.status}${row.appointmentId === appointmentId ? ':me' : ':other'}` : row.status,
  );
}

eachStore('services longer than one slot, with buffers, on %s', (_store, databaseUrl) => {
  let stack: BookingStack;

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl());
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('books the whole time and its buffer, offers only fitting alternatives, moves onto its own time, and cancel frees it all', async () => {
    const service = await stack.createService(60, '80.00', { bufferAfterMinutes: 10 });
    const doctorId = await stack.createDoctor([service.id]);
    const day = stack.freshDay();
    const slots = await stack.openSlots(doctorId, day, '09:00', '12:00', 30); // a 09:00 .. f 11:30
    const [a, b, c, , e] = slots;
    const patient = await stack.patient();

    const booked = await stack.gql(BookDocument, { input: { slotId: b.id, serviceId: service.id } }, patient.token);
    expect(booked.data!.bookAppointment).toMatchObject({
      __typename: 'BookingConfirmed',
      appointment: {
        status: 'CONFIRMED',
        startsAt: `${day}T09:30:00.000Z`,
        endsAt: `${day}T10:30:00.000Z`,
        slot: { id: b.id },
      },
    });
    const { id } = variant(booked.data!.bookAppointment, 'BookingConfirmed').appointment;
    expect(await states(stack, slots, id)).toEqual(['FREE', 'BOOKED:me', 'BOOKED:me', 'HELD:me', 'FREE', 'FREE']);
    expect(await stack.appointmentRow(id)).toMatchObject({
      heldFrom: new Date(`${day}T09:30:00Z`),
      heldUntil: new Date(`${day}T10:40:00Z`),
    });

    // Someone else asking for 10:00 gets the one start of the day where 60 minutes and the buffer still fit.
    const other = await stack.patient();
    const refused = await stack.gql(BookDocument, { input: { slotId: c.id, serviceId: service.id } }, other.token);
    expect(refused.data!.bookAppointment).toEqual({
      __typename: 'SlotUnavailable',
      reason: 'TAKEN',
      alternatives: [{ id: e.id }],
    });

    // Moved by half an hour: onto time it partly holds already; what it no longer touches goes back.
    const moved = await stack.gql(RescheduleDocument, { id, newSlotId: c.id }, patient.token);
    expect(variant(moved.data!.rescheduleAppointment, 'BookingConfirmed').appointment).toMatchObject({
      startsAt: `${day}T10:00:00.000Z`,
      endsAt: `${day}T11:00:00.000Z`,
      slot: { id: c.id },
    });
    expect(await states(stack, slots, id)).toEqual(['FREE', 'FREE', 'BOOKED:me', 'BOOKED:me', 'HELD:me', 'FREE']);
    expect((await stack.appointmentRow(id))?.slotCheckDueAt).toBeNull();

    // A stray slot left by an interrupted change (booked for it, outside its time) is released by the reconciler; its own time stays.
    await stack.asAppointment.call('scheduling', 'book-slot', { slotId: a.id, appointmentId: id });
    await stack.appointment.orm.em
      .fork()
      .nativeUpdate(Appointment, { id }, { slotCheckDueAt: new Date(Date.now() - 1000) });
    expect((await stack.appointment.reconcile()).released).toBe(1);
    expect(await states(stack, slots, id)).toEqual(['FREE', 'FREE', 'BOOKED:me', 'BOOKED:me', 'HELD:me', 'FREE']);

    const cancelled = await stack.gql(CancelDocument, { id }, patient.token);
    expect(cancelled.data!.cancelAppointment.status).toBe('CANCELLED');
    expect(await states(stack, slots, id)).toEqual(['FREE', 'FREE', 'FREE', 'FREE', 'FREE', 'FREE']);
  });

  it("refuses a start where the service would run past the doctor's last slot (BAD_USER_INPUT naming the latest end) and writes nothing", async () => {
    const service = await stack.createService(60);
    const doctorId = await stack.createDoctor([service.id]);
    const day = stack.freshDay();
    const slots = await stack.openSlots(doctorId, day, '09:00', '10:00', 30);
    const patient = await stack.patient();
    const before = await stack.appointment.orm.em.fork().count(Appointment, {});

    const late = await stack.gql(
      BookDocument,
      { input: { slotId: slots[1].id, serviceId: service.id, idempotencyKey: 'late-start' } },
      patient.token,
    );
    expect(late.errors?.[0]).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'slotId',
        rule: 'WHOLE_DURATION',
        latestEndAllowed: `${day}T10:00:00.000Z`,
      },
    });
    expect(late.errors![0].message).toMatch(
      new RegExp(
        `takes 60 minutes, until ${day}T10:30:00.000Z, but the doctor's consecutive slots from this start end at ${day}T10:00:00.000Z`,
      ),
    );
    expect(await stack.appointment.orm.em.fork().count(Appointment, {})).toBe(before);
    expect(await states(stack, slots)).toEqual(['FREE', 'FREE']);

    // The same key then books a start that fits: the refusal was not remembered as the key's answer.
    const fits = await stack.gql(
      BookDocument,
      { input: { slotId: slots[0].id, serviceId: service.id, idempotencyKey: 'late-start' } },
      patient.token,
    );
    expect(fits.errors).toBeUndefined();
    expect(fits.data!.bookAppointment).toMatchObject({
      __typename: 'BookingConfirmed',
      appointment: { endsAt: `${day}T10:00:00.000Z` },
    });
  });
});
