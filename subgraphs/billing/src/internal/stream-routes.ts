import {
  internalStreamRoute,
  invoiceExportFilter,
  readExportFilter,
  recordAdminAction,
  Role,
  ServiceClient,
} from '@carebook/platform';
import { SOURCE } from '../use-cases/issue-invoice';
import { invoiceCsv } from '../exports/invoice-csv';

/**
 * Streamed answers for the gateway: invoices.csv for an admin (the gateway's
 * GET /exports/invoices.csv), logged in the admin action log (through the
 * outbox, nudged at once) before it starts, with its filter.
 */
export function billingStreamRoutes(client: ServiceClient, nudge: () => void, zone: string) {
  return {
    'invoices-csv': internalStreamRoute({
      callers: ['gateway'],
      roles: [Role.ADMIN],
      contentType: 'text/csv; charset=utf-8',
      read: (body) => readExportFilter(invoiceExportFilter, body),
      async open(filter, { orm, user }) {
        const admin = { id: user.userId, role: user.role };
        await orm.em
          .fork()
          .transactional((tx) => recordAdminAction(tx, SOURCE, admin, 'EXPORT_INVOICES', 'invoices', { filter }));
        nudge();
        return invoiceCsv(orm, client, filter, zone);
      },
    }),
  };
}
