import { internalStreamRoute, invoiceExportFilter, readExportFilter, Role, ServiceClient } from '@carebook/platform';
import { invoiceCsv } from '../exports/invoice-csv';

/**
 * Streamed answers for the gateway: invoices.csv for an admin (the gateway's
 * GET /exports/invoices.csv), logged in the admin action log as it starts,
 * with its filter.
 */
export function billingStreamRoutes(
  client: ServiceClient,
  recordExport: (adminId: string, filter: unknown) => Promise<void>,
  zone: string,
) {
  return {
    'invoices-csv': internalStreamRoute({
      callers: ['gateway'],
      roles: [Role.ADMIN],
      contentType: 'text/csv; charset=utf-8',
      read: (body) => readExportFilter(invoiceExportFilter, body),
      async open(filter, { orm, user }) {
        await recordExport(user.userId, filter);
        return invoiceCsv(orm, client, filter, zone);
      },
    }),
  };
}
