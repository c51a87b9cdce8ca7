import type { FieldSealer, Logger } from '@carebook/platform';
import type { AdminLog } from './admin-log';
import type { DoctorApi, SchedulingApi } from './service-apis';
import type { SlotClaims } from './slot-claims';

/** What the appointment rules need besides an entity manager. */
export interface AppointmentDeps {
  scheduling: SchedulingApi;
  doctors: DoctorApi;
  /** Publishes outbox rows now rather than at the relay's next poll. */
  nudge(): void;
  /** Records an admin's change in the admin action log (no-op for other roles). */
  adminLog: AdminLog;
  timeZone: string;
  /** Seals the visit reason, completion notes, cancellation reasons and history notes (domain/sealed-columns). */
  sealer: FieldSealer;
  /** Future active appointments a patient may hold when booking for themselves (MAX_ACTIVE_APPOINTMENTS_PER_PATIENT). */
  maxActivePerPatient: number;
  logger: Logger;
  /** The bookings of each slot in flight in this process (slot-claims.ts). */
  slotClaims: SlotClaims;
}

/** The actor of a change: a user, or null for the system (reconciler). */
export interface Actor {
  id: string;
  role: string;
}
