import { eventually, variant } from '@carebook/platform/testing';
import { BookingStack, eachStore } from './booking-stack';
import { BookDocument, CancelDocument } from './generated/operations';

jest.setTimeout(60_000);

/**
 * The slots the appointment process booked are answered as taken without
 * asking scheduling, until a release frees them: its own (at once) or
 * another instance's (heard on the schedule channel). Only refusals rest on
 * it; bookings still go through scheduling's conditional update.
 */
eachStore('the slots this process booked, remembered for refusals (%s)', (_store, databaseUrl) => {
  let stack: BookingStack;

  beforeAll(async () => {
    stack = await BookingStack.start(databaseUrl());
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function bookedSlot() {
    const service = await stack.createService(15);
    const doctorId = await stack.createDoctor([service.id]);
    const [slot] = await stack.openSlots(doctorId, stack.freshDay(), '10:00', '10:15', 15);
    const patient = await stack.patient();
    const booked = await stack.gql(BookDocument, { input: { slotId: slot.id, serviceId: service.id } }, patient.token);
    expect(booked.data!.bookAppointment.__typename).toBe('BookingConfirmed');
    return {
      input: { slotId: slot.id, serviceId: service.id },
      appointmentId: variant(booked.data!.bookAppointment, 'BookingConfirmed').appointment.id,
      patient,
    };
  }

  it('books the slot again at once when this process cancels the booking', async () => {
    const { input, appointmentId, patient } = await bookedSlot();
    expect((await stack.gql(CancelDocument, { id: appointmentId }, patient.token)).errors).toBeUndefined();
    const again = await stack.gql(BookDocument, { input }, (await stack.patient()).token);
    expect(again.data!.bookAppointment.__typename).toBe('BookingConfirmed');
  });

  it("hears another instance's release of a slot it booked: the next requests book it", async () => {
    const { input, appointmentId } = await bookedSlot();
    // Another appointment instance releases the slot with scheduling, which announces SLOT_RELEASED on the channel.
    await stack.asAppointment.call('scheduling', 'release-slot', { appointmentId });
    const next = await stack.patient();
    await eventually(async () => {
      const again = await stack.gql(BookDocument, { input }, next.token);
      return again.data!.bookAppointment.__typename === 'BookingConfirmed';
    }, 15_000); // within the remembered 30 s: only hearing the release can free it this soon
  });

  it('refuses the next request for a slot it booked without asking scheduling (answered while scheduling is down)', async () => {
    const { input } = await bookedSlot();
    const restart = await stack.stopScheduling();
    try {
      const late = await stack.gql(BookDocument, { input }, (await stack.patient()).token);
      expect(late.errors).toBeUndefined();
      expect(late.data!.bookAppointment).toMatchObject({ __typename: 'SlotUnavailable', reason: 'TAKEN' });
    } finally {
      await restart();
    }
  });
});
