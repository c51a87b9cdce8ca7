import {
  appointmentExportFilter,
  internalStreamRoute,
  readExportFilter,
  recordAdminAction,
  Role,
  ServiceClient,
} from '@carebook/platform';
import type { AppointmentDeps } from '../deps';
import { appointmentCsv } from '../exports/appointment-csv';
import { rowNamesFor } from '../exports/row-names';

/**
 * Streamed answers for the gateway: appointments.csv for an admin (the
 * gateway's GET /exports/appointments.csv). The export is logged in the
 * admin action log (through the outbox) before it starts, with its filter.
 */
export function appointmentStreamRoutes(deps: AppointmentDeps, client: ServiceClient) {
  const namesOf = rowNamesFor(client, deps.doctors);
  return {
    'appointments-csv': internalStreamRoute({
      callers: ['gateway'],
      roles: [Role.ADMIN],
      contentType: 'text/csv; charset=utf-8',
      read: (body) => readExportFilter(appointmentExportFilter, body),
      async open(filter, { orm, user }) {
        const admin = { id: user.userId, role: user.role };
        await orm.em
          .fork()
          .transactional((tx) =>
            recordAdminAction(tx, 'appointment', admin, 'EXPORT_APPOINTMENTS', 'appointments', { filter }),
          );
        deps.nudge();
        return appointmentCsv(orm, filter, deps.timeZone, namesOf);
      },
    }),
  };
}
