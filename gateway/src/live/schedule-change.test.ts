import { createEvent } from '@carebook/platform';
import { scheduleChangeOf } from './schedule-change';

describe('scheduleChangeOf', () => {
  const slot = {
    slotId: 's1',
    doctorId: 'd1',
    appointmentId: 'a1',
    startsAt: '2030-01-07T09:00:00.000Z',
    endsAt: '2030-01-07T09:30:00.000Z',
  };
  const facts = {
    appointmentId: 'a1',
    patientId: 'p1',
    doctorId: 'd2',
    serviceId: 'm1',
    slotId: 's2',
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
  };

  it('maps slot events to their slot, doctor and appointment', () => {
    const event = createEvent('scheduling', 'SLOT_BOOKED', { type: 'Slot', id: 's1' }, slot);
    expect(scheduleChangeOf(event)).toEqual({
      eventId: event.id,
      kind: 'SLOT_BOOKED',
      occurredAt: event.occurredAt,
      doctorId: 'd1',
      slotId: 's1',
      appointmentId: 'a1',
    });
    expect(
      scheduleChangeOf(createEvent('scheduling', 'SLOT_RELEASED', { type: 'Slot', id: 's1' }, slot)),
    ).toMatchObject({ kind: 'SLOT_RELEASED', slotId: 's1', appointmentId: 'a1' });
  });

  it('makes one change of a batch of opened or blocked slots, carrying the earliest', () => {
    const batch = { doctorId: 'd1', slotIds: ['s1', 's2', 's3'], from: slot.startsAt, to: slot.endsAt };
    expect(
      scheduleChangeOf(createEvent('scheduling', 'SLOTS_OPENED', { type: 'DoctorSchedule', id: 'd1' }, batch)),
    ).toMatchObject({ kind: 'SLOTS_OPENED', doctorId: 'd1', slotId: 's1', appointmentId: null });
    expect(
      scheduleChangeOf(
        createEvent('scheduling', 'SLOT_BLOCKED', { type: 'DoctorSchedule', id: 'd1' }, { ...batch, slotIds: [] }),
      ),
    ).toMatchObject({ kind: 'SLOT_BLOCKED', slotId: null });
  });

  it.each(['APPOINTMENT_CANCELLED', 'APPOINTMENT_COMPLETED', 'APPOINTMENT_NO_SHOW'] as const)(
    'maps %s to the appointment and its slot',
    (type) => {
      const event = createEvent(
        'appointment',
        type,
        { type: 'Appointment', id: 'a1' },
        { ...facts, cancelledBy: 'u1' },
      );
      expect(scheduleChangeOf(event)).toMatchObject({ kind: type, doctorId: 'd2', slotId: 's2', appointmentId: 'a1' });
    },
  );

  it("gives a reschedule to the new doctor's schedule", () => {
    const event = createEvent(
      'appointment',
      'APPOINTMENT_RESCHEDULED',
      { type: 'Appointment', id: 'a1' },
      { ...facts, previous: { slotId: 's0', doctorId: 'd0', startsAt: slot.startsAt, endsAt: slot.endsAt } },
    );
    expect(scheduleChangeOf(event)).toMatchObject({ kind: 'APPOINTMENT_RESCHEDULED', doctorId: 'd2', slotId: 's2' });
  });

  it('ignores events that are not schedule changes', () => {
    expect(
      scheduleChangeOf(createEvent('appointment', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id: 'a1' }, facts)),
    ).toBeNull();
  });
});
