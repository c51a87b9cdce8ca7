import { type Clock, isoWeekday } from '../../../i18n/clock';

/** A booked appointment that a change of hours would leave without its doctor. */
export interface Clash {
  id: string;
  startsAt: string;
  patientName: string;
  /** Whose appointment (a clinic closure names several doctors). */
  doctorId?: string;
  /** Its location's zone: its time is read on that clock (left out: the clinic's). */
  timeZone?: string | null;
}

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const OPEN = ['PENDING', 'CONFIRMED'];
/** The location of hours and appointments recorded without one. */
const DEFAULT_LOCATION_ID = 'default';

const zoneOf = (row: { timeZone?: string | null }) => (row.timeZone ? { timeZone: row.timeZone } : {});

/** The open appointments among a schedule's slots (in a time off's range: what it would clash with). */
export function bookedAppointments(
  slots: ReadonlyArray<{
    startsAt: string;
    timeZone?: string | null;
    appointment?: { id: string; status: string; patient: { name: string } } | null;
  }>,
): Clash[] {
  return slots
    .filter((slot) => slot.appointment && OPEN.includes(slot.appointment.status))
    .map((slot) => ({
      id: slot.appointment!.id,
      startsAt: slot.startsAt,
      patientName: slot.appointment!.patient.name,
      ...zoneOf(slot),
    }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * The upcoming appointments that no rule of the new weekly hours covers: a
 * rule of the appointment's location, in wall-clock times on that location's
 * clock (as rules are). They stay booked, but the doctor would no longer be
 * taking appointments then. Left out, a location is the default one.
 */
export function outsideWeeklyHours(
  appointments: ReadonlyArray<{
    id: string;
    startsAt: string;
    endsAt: string;
    timeZone?: string | null;
    location?: { id: string } | null;
    patient: { name: string };
  }>,
  rules: ReadonlyArray<{ dayOfWeek: string; startTime: string; endTime: string; locationId?: string | null }>,
  clock: Clock,
): Clash[] {
  return appointments
    .filter((appointment) => {
      const zoned = clock.in(appointment.timeZone);
      const place = appointment.location?.id ?? DEFAULT_LOCATION_ID;
      const day = DAYS[isoWeekday(zoned.dateOf(appointment.startsAt)) - 1];
      const start = zoned.wallTime(appointment.startsAt);
      // An appointment ending at its location's midnight ends at 24:00 of its day.
      const end =
        zoned.dateOf(appointment.endsAt) === zoned.dateOf(appointment.startsAt)
          ? zoned.wallTime(appointment.endsAt)
          : '24:00';
      return !rules.some(
        (rule) =>
          (rule.locationId ?? DEFAULT_LOCATION_ID) === place &&
          rule.dayOfWeek === day &&
          rule.startTime <= start &&
          end <= rule.endTime,
      );
    })
    .map(clashOf);
}

/** An appointment as the API answers it (id, start, patient, its zone), as a Clash to list. */
export const clashOf = (appointment: {
  id: string;
  startsAt: string;
  timeZone?: string | null;
  patient: { name: string };
}): Clash => ({
  id: appointment.id,
  startsAt: appointment.startsAt,
  patientName: appointment.patient.name,
  ...zoneOf(appointment),
});
