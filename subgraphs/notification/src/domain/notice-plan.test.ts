import { createEvent } from '@carebook/platform';
import { NotificationKind, NotificationRecipient } from '../entities/notification-enums';
import { planNotices } from './notice-plan';
import { parseOffsets } from './reminder-offsets';

const now = new Date('2026-03-01T08:00:00Z');
const offsets = parseOffsets('24h,1h')!;
const facts = {
  appointmentId: 'a1',
  patientId: 'p1',
  doctorId: 'd1',
  serviceId: 's1',
  slotId: 'slot1',
  startsAt: '2026-03-01T12:00:00.000Z',
  endsAt: '2026-03-01T12:30:00.000Z',
};
/** A visit that took place (completed or missed) carries the price agreed at booking. */
const visit = { ...facts, price: '40.00', currency: 'EUR' };

describe('what each event asks of the notification service', () => {
  it('confirms to the patient and schedules the reminders still ahead', () => {
    const event = createEvent('appointment', 'APPOINTMENT_CONFIRMED', { type: 'Appointment', id: 'a1' }, facts, now);
    const plan = planNotices(event, offsets, now);
    expect(plan.notices.map((n) => [n.kind, n.recipient, n.recipientId, n.occurrence])).toEqual([
      [NotificationKind.CONFIRMATION, NotificationRecipient.PATIENT, 'p1', event.id],
    ]);
    // 24h before is already past: only the 1h reminder.
    expect(plan.reminders.map((r) => [r.offset, r.scheduledFor, r.occurrence])).toEqual([
      ['1h', '2026-03-01T11:00:00.000Z', facts.startsAt],
    ]);
    expect(plan.dropRemindersOf).toBeNull();
  });

  it('on a move tells the patient and the doctors (old and new), and replaces the reminders', () => {
    const payload = {
      ...facts,
      doctorId: 'd2',
      startsAt: '2026-03-03T12:00:00.000Z',
      previous: { slotId: 'slot1', doctorId: 'd1', startsAt: facts.startsAt, endsAt: facts.endsAt },
    };
    const plan = planNotices(
      createEvent('appointment', 'APPOINTMENT_RESCHEDULED', { type: 'Appointment', id: 'a1' }, payload, now),
      offsets,
      now,
    );
    expect(plan.notices.map((n) => [n.recipient, n.recipientId])).toEqual([
      [NotificationRecipient.PATIENT, 'p1'],
      [NotificationRecipient.DOCTOR, 'd2'],
      [NotificationRecipient.DOCTOR, 'd1'],
    ]);
    expect(plan.notices[0].previousStartsAt).toBe(facts.startsAt);
    expect(plan.notices[0].sequence).toBeGreaterThan(0);
    expect(plan.dropRemindersOf).toBe('a1');
    expect(plan.reminders.map((r) => r.offset)).toEqual(['24h', '1h']);
  });

  it('on a cancel tells patient and doctor and drops the reminders; completion only drops them', () => {
    const cancel = planNotices(
      createEvent(
        'appointment',
        'APPOINTMENT_CANCELLED',
        { type: 'Appointment', id: 'a1' },
        { ...facts, cancelledBy: 'p1' },
        now,
      ),
      offsets,
      now,
    );
    expect(cancel.notices.map((n) => [n.kind, n.recipient])).toEqual([
      [NotificationKind.CANCELLATION, NotificationRecipient.PATIENT],
      [NotificationKind.CANCELLATION, NotificationRecipient.DOCTOR],
    ]);
    expect([cancel.dropRemindersOf, cancel.dropReason, cancel.reminders]).toEqual(['a1', 'appointment cancelled', []]);
    expect(cancel.notices.every((n) => n.unavailability === undefined)).toBe(true);
    const unavailability = {
      cause: 'TIME_OFF' as const,
      alternatives: [{ slotId: 's9', doctorId: 'd2', startsAt: '2026-12-02T09:00:00.000Z' }],
    };
    const byClinic = planNotices(
      createEvent(
        'appointment',
        'APPOINTMENT_CANCELLED',
        { type: 'Appointment', id: 'a1' },
        { ...facts, cancelledBy: 'd1', unavailability },
        now,
      ),
      offsets,
      now,
    );
    // The patient hears why and what else they could book; the doctor's notice is the usual one.
    expect(byClinic.notices.map((n) => [n.recipient, n.unavailability])).toEqual([
      [NotificationRecipient.PATIENT, unavailability],
      [NotificationRecipient.DOCTOR, undefined],
    ]);
    expect(byClinic.notices[0].facts).not.toHaveProperty('unavailability');
    const done = planNotices(
      createEvent('appointment', 'APPOINTMENT_COMPLETED', { type: 'Appointment', id: 'a1' }, visit, now),
      offsets,
      now,
    );
    expect([done.notices, done.dropRemindersOf]).toEqual([[], 'a1']);
  });

  it('sends the invoice notice (once per invoice) and the feedback request to the patient', () => {
    const invoice = planNotices(
      createEvent(
        'billing',
        'INVOICE_ISSUED',
        { type: 'Invoice', id: 'i1' },
        { invoiceId: 'i1', appointmentId: 'a1', patientId: 'p1', amount: '40.00', currency: 'EUR' },
        now,
      ),
      offsets,
      now,
    );
    expect(invoice.notices).toEqual([
      expect.objectContaining({
        kind: NotificationKind.INVOICE,
        recipientId: 'p1',
        occurrence: 'i1',
        invoice: { invoiceId: 'i1', amount: '40.00', currency: 'EUR' },
      }),
    ]);
    const feedback = planNotices(
      createEvent(
        'feedback',
        'FEEDBACK_REQUESTED',
        { type: 'Appointment', id: 'a1' },
        { appointmentId: 'a1', patientId: 'p1', doctorId: 'd1' },
        now,
      ),
      offsets,
      now,
    );
    expect(feedback.notices).toEqual([
      expect.objectContaining({
        kind: NotificationKind.FEEDBACK_REQUEST,
        recipient: NotificationRecipient.PATIENT,
        appointmentId: 'a1',
      }),
    ]);
    expect(
      planNotices(
        createEvent('appointment', 'APPOINTMENT_NO_SHOW', { type: 'Appointment', id: 'a1' }, visit, now),
        offsets,
        now,
      ).notices,
    ).toEqual([]);
  });
});
