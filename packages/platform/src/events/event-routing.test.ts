import { createEvent } from './domain-event';
import { queuesFor } from './event-routing';

const facts = {
  appointmentId: 'a1',
  patientId: 'p1',
  doctorId: 'd1',
  serviceId: 's1',
  slotId: 'slot1',
  startsAt: '2030-01-01T09:00:00.000Z',
  endsAt: '2030-01-01T09:30:00.000Z',
};
const appointment = { type: 'Appointment', id: 'a1' };

describe('which queues an event is added to', () => {
  it('adds a confirmation to the patient service and the notices, unless the relationship is known to be told already', () => {
    expect(queuesFor(createEvent('appointment', 'APPOINTMENT_CONFIRMED', appointment, facts))).toEqual([
      'patient-care',
      'notification',
    ]);
    expect(
      queuesFor(createEvent('appointment', 'APPOINTMENT_CONFIRMED', appointment, { ...facts, careKnown: false })),
    ).toEqual(['patient-care', 'notification']);
    // The patient is still told of the booking; only the patient service's relationship step is left out.
    expect(
      queuesFor(createEvent('appointment', 'APPOINTMENT_CONFIRMED', appointment, { ...facts, careKnown: true })),
    ).toEqual(['notification']);
  });

  it('always adds a move to the patient service: the new doctor may be new to the patient', () => {
    const previous = { slotId: 'slot0', doctorId: 'd0', startsAt: facts.startsAt, endsAt: facts.endsAt };
    expect(
      queuesFor(createEvent('appointment', 'APPOINTMENT_RESCHEDULED', appointment, { ...facts, previous })),
    ).toEqual(['patient-care', 'notification']);
  });

  it('adds an event of no queue to none (a slot booked is for live schedules only)', () => {
    const slot = {
      slotId: 'slot1',
      doctorId: 'd1',
      appointmentId: 'a1',
      startsAt: facts.startsAt,
      endsAt: facts.endsAt,
    };
    expect(queuesFor(createEvent('scheduling', 'SLOT_BOOKED', { type: 'Slot', id: 'slot1' }, slot))).toEqual([]);
  });
});
