import { InvoiceLineKind } from '../entities/billing-enums';
import { sumAmounts } from './money';

export interface InvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  amount: string;
  serviceId: string;
}

/** What billing knows of a closed appointment: the parties, the service and the price agreed at booking. */
export interface ClosedAppointment {
  appointmentId: string;
  patientId: string;
  doctorId: string;
  serviceId: string;
  outcome: 'COMPLETED' | 'NO_SHOW';
  price: string;
  currency: string;
}

export interface InvoiceDraft {
  lines: InvoiceLine[];
  amount: string;
  currency: string;
}

/**
 * What to bill for a closed appointment: the visit at its booked price when
 * it was completed; for a no-show, the no-show fee when the clinic set one,
 * else nothing.
 */
export function draftInvoice(closed: ClosedAppointment, noShowFee: string | null): InvoiceDraft | null {
  let lines: InvoiceLine[];
  if (closed.outcome === 'COMPLETED') {
    lines = [{ kind: InvoiceLineKind.VISIT, description: 'Visit', amount: closed.price, serviceId: closed.serviceId }];
  } else if (noShowFee) {
    lines = [{ kind: InvoiceLineKind.NO_SHOW_FEE, description: 'Missed appointment fee', amount: noShowFee, serviceId: closed.serviceId }];
  } else {
    return null;
  }
  return { lines, amount: sumAmounts(lines.map((line) => line.amount)), currency: closed.currency };
}

export function parseLines(json: string): InvoiceLine[] {
  return JSON.parse(json) as InvoiceLine[];
}
