import { SCHEDULE_EVENTS, ScheduleEventType } from '@carebook/platform';
import { registerEnumType } from 'type-graphql';

/** What changed in a schedule: one kind per schedule event of the outbox (platform's SCHEDULE_EVENTS). */
export const ScheduleChangeKind = Object.fromEntries(SCHEDULE_EVENTS.map((kind) => [kind, kind])) as {
  [K in ScheduleEventType]: K;
};
export type ScheduleChangeKind = ScheduleEventType;

registerEnumType(ScheduleChangeKind, {
  name: 'ScheduleChangeKind',
  description:
    'What changed: slots opened, booked, released or blocked, or an appointment rescheduled, cancelled, completed or missed.',
});
