import { internalRoute } from '@carebook/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { factsOf } from '../domain/appointment-log';
import { Appointment } from '../entities/appointment.entity';

/**
 * Lookups for other services: appointments by id, or of patients (optionally
 * with one doctor), for example to decide whether a doctor may see a chart,
 * whether a patient may rate a visit, or what a visit costs (price and
 * currency as agreed at booking, and whether the patient cancelled or moved
 * it late).
 */
export function appointmentInternalRoutes() {
  return {
    appointments: internalRoute(
      ['billing', 'feedback', 'notification', 'patient'],
      z
        .object({
          ids: z.array(z.string()).max(1000).optional(),
          patientId: z.string().optional(),
          patientIds: z.array(z.string()).max(1000).optional(),
          doctorId: z.string().optional(),
        })
        .refine((q) => q.ids || q.patientId || q.patientIds || q.doctorId, 'give ids, patientId, patientIds or doctorId'),
      async (query, { orm }) => {
        const where = {
          ...(query.ids ? { id: { $in: query.ids } } : {}),
          ...(query.patientId ? { patientId: query.patientId } : {}),
          ...(query.patientIds ? { patientId: { $in: query.patientIds } } : {}),
          ...(query.doctorId ? { doctorId: query.doctorId } : {}),
        } as FilterQuery<Appointment>;
        const rows = await orm.em.fork().find(Appointment, where, { orderBy: { startsAt: 'desc' }, limit: 1000 });
        return { appointments: rows.map((a) => ({ ...factsOf(a), status: a.status, price: a.price, currency: a.currency, lateCancellation: a.lateCancelledAt !== null })) };
      },
    ),
  };
}
