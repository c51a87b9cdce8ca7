import type { BookingPolicy, Logger, SqlPool } from '@carebook/platform';
import type { SlotStore } from './store';
import type { AppointmentDesk } from './clients/appointment-desk';
import type { CalendarCache } from './store/calendar-cache';
import type { ClinicLocations } from './clients/clinic-locations';
import type { DoctorCalls } from './clients/doctor-directory';
import type { DoctorNames } from './clients/doctor-names';

export const SOURCE = 'scheduling';

/** What the scheduling rules need besides an entity manager; built once at start. */
export interface SchedulingContext {
  /** CLINIC_TIME_ZONE: the default location's zone, and the days of clinic-wide closures and the schedule summary. */
  zone: string;
  /** Each location's zone, which its hours are wall-clock times in. */
  locations: ClinicLocations;
  horizonWeeks: number;
  /** The clinic's default booking rules: what patients meet in calendars asked without a service. */
  clinicPolicy: BookingPolicy;
  store: SlotStore;
  doctors: DoctorCalls;
  /** The names a slot @provides for its doctor, kept while the doctor service's announcements are heard. */
  doctorNames: DoctorNames;
  appointments: AppointmentDesk;
  calendarCache: CalendarCache;
  /** Called after a commit that changed slots (clears the calendar cache, nudges the outbox relay). */
  afterCommit(): void;
  logger: Logger;
  /** MariaDB: the plain SQL pool a booking's slot lookup and update run on (store/slot-booking-sql.ts); null on MongoDB. */
  sql: SqlPool | null;
}

/** What the scheduling resolvers need, built once at start and injected. */
export interface SchedulingDeps {
  context: SchedulingContext;
}
