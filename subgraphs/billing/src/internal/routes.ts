import { internalRoute } from '@carebook/platform';
import { z } from 'zod';
import { parseLines } from '../domain/invoice-lines';
import { Invoice } from '../entities/invoice.entity';

/**
 * Lookups for other services: invoices by id, with their lines, for example
 * for the notification service to say in the invoice notice what it is for.
 * Ids and amounts only, like the events.
 */
export function billingInternalRoutes() {
  return {
    invoices: internalRoute(
      ['notification'],
      z.object({ ids: z.array(z.string()).min(1).max(1000) }),
      async ({ ids }, { orm }) => {
        const rows = await orm.em.fork().find(Invoice, { id: { $in: ids } });
        return {
          invoices: rows.map((invoice) => ({
            invoiceId: invoice.id,
            appointmentId: invoice.appointmentId,
            patientId: invoice.patientId,
            status: invoice.status,
            amount: invoice.amount,
            currency: invoice.currency,
            issuedAt: invoice.issuedAt.toISOString(),
            paidAt: invoice.paidAt?.toISOString() ?? null,
            lines: parseLines(invoice.lines),
          })),
        };
      },
    ),
  };
}
