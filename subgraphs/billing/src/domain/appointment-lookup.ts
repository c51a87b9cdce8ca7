import type { AppointmentFacts, AppointmentPrice, AppointmentStatus, ServiceClient } from '@carebook/platform';

/** `lateCancellation`: the patient cancelled or moved it inside the cancellation window. */
export type AppointmentRecord = AppointmentFacts &
  AppointmentPrice & { status: AppointmentStatus; lateCancellation: boolean };

/** Appointments by id from the appointment service, the owner of their status and price (internal route). */
export type AppointmentLookup = (ids: readonly string[]) => Promise<AppointmentRecord[]>;

export function appointmentLookup(services: ServiceClient): AppointmentLookup {
  return async (ids) =>
    (await services.call<{ appointments: AppointmentRecord[] }>('appointment', 'appointments', { ids: [...ids] }))
      .appointments;
}
