import { AppointmentRecord, appointmentContract, contractClient, ServiceClient } from '@carebook/platform';

export type { AppointmentRecord };

/** Appointments by id from the appointment service, the owner of their status and price (its contract's lookup). */
export type AppointmentLookup = (ids: readonly string[]) => Promise<AppointmentRecord[]>;

export function appointmentLookup(services: ServiceClient): AppointmentLookup {
  const appointment = contractClient(appointmentContract, services);
  return async (ids) => (await appointment.appointments({ ids: [...ids] })).appointments;
}
