import { entityByIdLoader, RequestContext } from '@carebook/platform';
import { mayReadInvoice } from '../domain/access';
import { Invoice } from '../entities/invoice.entity';

/**
 * Invoices load in one query per request and only for those who may read
 * them. An Appointment representation carries the fields
 * Appointment.invoice requires, so it is passed on as it is; a Patient is its id.
 */
export const references = {
  Invoice: {
    __resolveReference: async (reference: { id: string }, ctx: RequestContext) => {
      const invoice = await entityByIdLoader(ctx, Invoice).load(reference.id);
      const principal = ctx.principal;
      if (!invoice || !principal) return null;
      return mayReadInvoice({ id: principal.userId, role: principal.role }, invoice) ? invoice : null;
    },
  },
  Appointment: { __resolveReference: (reference: Record<string, unknown>) => reference },
  Patient: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
};
