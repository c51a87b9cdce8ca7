import type { ContractClient, FieldSealer, Logger, schedulingContract, SqlPool } from '@carebook/platform';
import type { DoctorApi } from './clients/doctor-facts-cache';
import type { PatientNames } from './clients/patient-names';
import type { SlotMemory } from './clients/slot-memory';
import type { SlotClaims } from './use-cases/slot-claims';

/** What the appointment rules need besides an entity manager. */
export interface AppointmentDeps {
  /** Scheduling's contract (booking-contract.md), called as appointment, releases and alternatives through `slotMemory`. */
  scheduling: ContractClient<typeof schedulingContract>;
  doctors: DoctorApi;
  /** The patient service's names, as an appointment @provides them. */
  patients: PatientNames;
  /** Publishes outbox rows now rather than at the relay's next poll. */
  nudge(): void;
  timeZone: string;
  /** Seals the visit reason, completion notes, cancellation reasons and history notes (domain/sealed-columns). */
  sealer: FieldSealer;
  /** Future active appointments a patient may hold when booking for themselves (MAX_ACTIVE_APPOINTMENTS_PER_PATIENT). */
  maxActivePerPatient: number;
  logger: Logger;
  /** The bookings of each slot in flight in this process (slot-claims.ts). */
  slotClaims: SlotClaims;
  /** The slots this process booked, answered as taken without asking scheduling (clients/slot-memory.ts). */
  slotMemory: Pick<SlotMemory, 'taken' | 'booked'>;
  /** MariaDB: the plain SQL pool the booking's transactions run on (store/booking-sql.ts); null on MongoDB. */
  sql: SqlPool | null;
}

/** The actor of a change: a user, or null for the system (reconciler). */
export interface Actor {
  id: string;
  role: string;
}
