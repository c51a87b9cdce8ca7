import { registerEnumType } from 'type-graphql';

export enum AppointmentStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
}

registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description: 'PENDING while the slot is being booked; CONFIRMED once it is held; then CANCELLED, COMPLETED or NO_SHOW.',
});

/** Statuses that hold a slot and count against the patient's time. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = [AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED];
