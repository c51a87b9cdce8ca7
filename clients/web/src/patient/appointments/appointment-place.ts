/**
 * Where an appointment is, as patients read it: its location's name and
 * address (as booked); at a location without an address (the default one,
 * until an admin gives it one), the doctor's practice, as before locations.
 */
export function appointmentPlace(appointment: {
  location: { name: string; address: string };
  doctor: { location?: string | null };
}): string | null {
  if (appointment.location.address) return `${appointment.location.name}, ${appointment.location.address}`;
  return appointment.doctor.location ?? null;
}
