import type { Appointment } from '../entities/appointment.entity';

/** The doctor's time the appointment holds (appointments booked before buffers existed hold their own time). */
export function heldTime(appointment: Pick<Appointment, 'startsAt' | 'endsAt' | 'heldFrom' | 'heldUntil'>): {
  from: Date;
  until: Date;
} {
  return { from: appointment.heldFrom ?? appointment.startsAt, until: appointment.heldUntil ?? appointment.endsAt };
}

/** The slot lies in that time (half-open intervals): it is the appointment's to hold. */
export function withinHeldTime(
  appointment: Pick<Appointment, 'startsAt' | 'endsAt' | 'heldFrom' | 'heldUntil'>,
  slot: { startsAt: string; endsAt: string },
): boolean {
  const { from, until } = heldTime(appointment);
  return new Date(slot.startsAt).getTime() < until.getTime() && new Date(slot.endsAt).getTime() > from.getTime();
}
