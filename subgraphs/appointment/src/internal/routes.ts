import { internalRoute } from '@carebook/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { factsOf } from '../domain/appointment-log';
import type { AppointmentDeps } from '../domain/deps';
import { cancelForUnavailability } from '../domain/unavailability-cancellation';
import { Appointment } from '../entities/appointment.entity';

/**
 * Lookups for other services: appointments by id, or of patients (optionally
 * with one doctor), for example to decide whether a doctor may see a chart,
 * whether a patient may rate a visit, or what a visit costs (price and
 * currency as agreed at booking, and whether the patient cancelled or moved
 * it late; scheduling names the patients whose appointments clash with a
 * time off). And the cancellations scheduling asks for when a doctor takes
 * time off over booked appointments.
 */
export function appointmentInternalRoutes(deps: AppointmentDeps) {
  return {
    appointments: internalRoute(
      ['billing', 'feedback', 'notification', 'patient', 'scheduling'],
      z
        .object({
          ids: z.array(z.string()).max(1000).optional(),
          patientId: z.string().optional(),
          patientIds: z.array(z.string()).max(1000).optional(),
          doctorId: z.string().optional(),
        })
        .refine(
          (q) => q.ids || q.patientId || q.patientIds || q.doctorId,
          'give ids, patientId, patientIds or doctorId',
        ),
      async (query, { orm }) => {
        const where = {
          ...(query.ids ? { id: { $in: query.ids } } : {}),
          ...(query.patientId ? { patientId: query.patientId } : {}),
          ...(query.patientIds ? { patientId: { $in: query.patientIds } } : {}),
          ...(query.doctorId ? { doctorId: query.doctorId } : {}),
        } as FilterQuery<Appointment>;
        const rows = await orm.em.fork().find(Appointment, where, { orderBy: { startsAt: 'desc' }, limit: 1000 });
        return {
          appointments: rows.map((a) => ({
            ...factsOf(a),
            status: a.status,
            price: a.price,
            currency: a.currency,
            lateCancellation: a.lateCancelledAt !== null,
          })),
        };
      },
    ),
    'cancel-for-unavailability': internalRoute(
      ['scheduling'],
      z.object({
        appointmentIds: z.array(z.string().min(1)).min(1).max(1000),
        // The staff member who took the time off: the history names them, and they must be allowed to cancel each one.
        actor: z.object({ id: z.string().min(1), role: z.string().min(1) }),
        cause: z.enum(['TIME_OFF', 'CLINIC_CLOSED']),
      }),
      ({ appointmentIds, actor, cause }, { orm }) =>
        cancelForUnavailability(orm.em.fork(), deps, actor, appointmentIds, cause),
    ),
  };
}
