import { z } from 'zod';
import { defineContract, returns, route } from './contract';

/** An invoice as other services read it: ids and amounts only, like the events; times are ISO instants. */
export interface InvoiceFacts {
  invoiceId: string;
  appointmentId: string;
  patientId: string;
  /** PENDING, PAID, FAILED or VOID (billing's InvoiceStatus). */
  status: string;
  amount: string;
  currency: string;
  issuedAt: string;
  paidAt: string | null;
  /** What the invoice is for, line by line (kind: billing's InvoiceLineKind). */
  lines: Array<{ kind: string; description: string; amount: string; serviceId: string }>;
}

/**
 * The billing service's internal routes: invoices by id, with their lines,
 * for the notification service to say in the invoice notice what it is for.
 * (The CSV export is a stream route, served apart: internal-stream-routes.)
 */
export const billingContract = defineContract('billing', {
  invoices: route({
    path: 'invoices',
    callers: ['notification'],
    input: z.object({ ids: z.array(z.string()).min(1).max(1000) }),
    output: returns<{ invoices: InvoiceFacts[] }>(),
  }),
});
