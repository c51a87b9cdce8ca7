import { appointmentContract, serveContract } from '@carebook/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { factsOf } from '../use-cases/appointment-log';
import type { AppointmentDeps } from '../deps';
import { cancelForUnavailability } from '../use-cases/unavailability-cancellation';
import { Appointment } from '../entities/appointment.entity';
import { appointmentRecordsSql } from '../store/appointment-records-sql';

/** The handlers of the appointment contract (platform's contracts/appointment.ts says who calls what with which input). */
export function appointmentInternalRoutes(deps: AppointmentDeps) {
  return serveContract(appointmentContract, {
    async appointments(query, { orm }) {
      if (deps.sql) return { appointments: await appointmentRecordsSql(deps.sql, query) };
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
    cancelForUnavailability: ({ appointmentIds, actor, cause }, { orm }) =>
      cancelForUnavailability(orm.em.fork(), deps, actor, appointmentIds, cause),
  });
}
