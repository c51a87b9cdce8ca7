import { type Clock, isoWeekday } from '../../../i18n/clock';

/** A booked appointment that a change of hours would leave without its doctor. */
export interface Clash {
  id: string;
  startsAt: string;
  patientName: string;
  /** Whose appointment (a clinic closure names several doctors). */
  doctorId?: string;
}

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const OPEN = ['PENDING', 'CONFIRMED'];

/** The open appointments among a schedule's slots (in a time off's range: what it would clash with). */
export function bookedAppointments(slots: ReadonlyArray<{ startsAt: string; appointment?: { id: string; status: string; patient: { name: string } } | null }>): Clash[] {
  return slots
    .filter((slot) => slot.appointment && OPEN.includes(slot.appointment.status))
    .map((slot) => ({ id: slot.appointment!.id, startsAt: slot.startsAt, patientName: slot.appointment!.patient.name }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * The upcoming appointments that no rule of the new weekly hours covers
 * (wall-clock times in the clinic's zone, as the rules are): they stay
 * booked, but the doctor would no longer be taking appointments then.
 */
export function outsideWeeklyHours(
  appointments: ReadonlyArray<{ id: string; startsAt: string; endsAt: string; patient: { name: string } }>,
  rules: ReadonlyArray<{ dayOfWeek: string; startTime: string; endTime: string }>,
  clock: Clock,
): Clash[] {
  return appointments
    .filter((appointment) => {
      const day = DAYS[isoWeekday(clock.dateOf(appointment.startsAt)) - 1];
      const start = clock.wallTime(appointment.startsAt);
      // An appointment ending at the clinic's midnight ends at 24:00 of its day.
      const end = clock.dateOf(appointment.endsAt) === clock.dateOf(appointment.startsAt) ? clock.wallTime(appointment.endsAt) : '24:00';
      return !rules.some((rule) => rule.dayOfWeek === day && rule.startTime <= start && end <= rule.endTime);
    })
    .map((appointment) => ({ id: appointment.id, startsAt: appointment.startsAt, patientName: appointment.patient.name }));
}

/** An appointment as the API answers it (id, start, patient), as a Clash to list. */
export const clashOf = (appointment: { id: string; startsAt: string; patient: { name: string } }): Clash => ({ id: appointment.id, startsAt: appointment.startsAt, patientName: appointment.patient.name });
