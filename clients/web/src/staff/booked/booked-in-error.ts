import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { Clash } from '../doctor/availability/clashes';

interface Listed {
  appointmentId?: string;
  id?: string;
  startsAt: string;
  doctorId?: string;
  timeZone?: string | null;
  patientName?: string | null;
  patient?: { name?: string };
}

/**
 * The booked appointments named by a refusal (CONFLICT with
 * extensions.reason BOOKED_APPOINTMENTS and extensions.appointments, as
 * AddTimeOff and CloseClinic send it), or null for any other error: the page
 * then lists them in its own words and offers to cancel them, rather than
 * showing the API's message (written for API callers: "ask again with
 * cancelBooked: true").
 */
export function bookedInError(error: unknown): Clash[] | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const extensions = error.errors[0]?.extensions ?? {};
  if (extensions.reason !== 'BOOKED_APPOINTMENTS' || !Array.isArray(extensions.appointments)) return null;
  return (extensions.appointments as unknown[])
    .filter((v): v is Listed => typeof (v as Listed | null)?.startsAt === 'string')
    .map((v, i) => ({
      id: v.appointmentId ?? v.id ?? String(i),
      startsAt: v.startsAt,
      patientName: v.patientName ?? v.patient?.name ?? '',
      ...(v.doctorId ? { doctorId: v.doctorId } : {}),
      ...(v.timeZone ? { timeZone: v.timeZone } : {}),
    }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
