import { AppointmentStatus } from '@carebook/platform';

// Declared in platform: billing and feedback read an appointment's status too (@requires / internal routes).
export { AppointmentStatus };

/** Statuses that hold a slot and count against the patient's time. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = [AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED];
