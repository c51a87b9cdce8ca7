import { billingContract, serveContract } from '@carebook/platform';
import { parseLines } from '../domain/invoice-lines';
import { Invoice } from '../entities/invoice.entity';

/** The handlers of the billing contract (platform's contracts/billing.ts says who calls what with which input). */
export function billingInternalRoutes() {
  return serveContract(billingContract, {
    async invoices({ ids }, { orm }) {
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
  });
}
