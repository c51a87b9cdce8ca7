import { registerEnumType } from 'type-graphql';

/** What changed in a schedule; one kind per schedule event of the outbox (platform's SCHEDULE_EVENTS). */
export enum ScheduleChangeKind {
  SLOTS_OPENED = 'SLOTS_OPENED',
  SLOT_BOOKED = 'SLOT_BOOKED',
  SLOT_RELEASED = 'SLOT_RELEASED',
  SLOT_BLOCKED = 'SLOT_BLOCKED',
  APPOINTMENT_RESCHEDULED = 'APPOINTMENT_RESCHEDULED',
  APPOINTMENT_CANCELLED = 'APPOINTMENT_CANCELLED',
  APPOINTMENT_COMPLETED = 'APPOINTMENT_COMPLETED',
  APPOINTMENT_NO_SHOW = 'APPOINTMENT_NO_SHOW',
}

registerEnumType(ScheduleChangeKind, {
  name: 'ScheduleChangeKind',
  description: 'What changed: slots opened, booked, released or blocked, or an appointment rescheduled, cancelled, completed or missed.',
});
