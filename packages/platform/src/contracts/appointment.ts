import { z } from 'zod';
import type { AppointmentFacts, AppointmentPrice } from '../events/domain-event';
import { defineContract, returns, route } from './contract';
import type { AppointmentStatus } from './shared-enums';

/**
 * An appointment as other services look it up; `lateCancellation`: the
 * patient cancelled or moved it inside the cancellation window.
 */
export type AppointmentRecord = AppointmentFacts &
  AppointmentPrice & { status: AppointmentStatus; lateCancellation: boolean };

/** What became of the appointments scheduling asked to cancel. */
export interface UnavailabilityOutcome {
  cancelled: string[];
  /** Already cancelled, completed or missed: nothing to do for them. */
  skipped: string[];
  /** Could not be cancelled now (the reason per id); the slot stays booked and the staff see it listed. */
  failed: Array<{ id: string; message: string }>;
}

/**
 * The appointment service's internal routes. `appointments` looks
 * appointments up by id, or of patients (optionally with one doctor): to
 * decide whether a doctor may see a chart, whether a patient may rate a
 * visit, what a visit costs (price and currency as agreed at booking, and
 * whether the patient cancelled or moved it late), or which patients'
 * appointments clash with a time off. Scheduling asks for the cancellations
 * when a doctor takes time off over booked appointments.
 */
export const appointmentContract = defineContract('appointment', {
  appointments: route({
    path: 'appointments',
    callers: ['billing', 'feedback', 'notification', 'patient', 'scheduling'],
    input: z
      .object({
        ids: z.array(z.string()).max(1000).optional(),
        patientId: z.string().optional(),
        patientIds: z.array(z.string()).max(1000).optional(),
        doctorId: z.string().optional(),
      })
      .refine((q) => q.ids || q.patientId || q.patientIds || q.doctorId, 'give ids, patientId, patientIds or doctorId'),
    output: returns<{ appointments: AppointmentRecord[] }>(),
  }),
  cancelForUnavailability: route({
    path: 'cancel-for-unavailability',
    callers: ['scheduling'],
    input: z.object({
      appointmentIds: z.array(z.string().min(1)).min(1).max(1000),
      // The staff member who took the time off: the history names them, and they must be allowed to cancel each one.
      actor: z.object({ id: z.string().min(1), role: z.string().min(1) }),
      cause: z.enum(['TIME_OFF', 'CLINIC_CLOSED']),
    }),
    output: returns<UnavailabilityOutcome>(),
  }),
});
