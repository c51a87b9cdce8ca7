import { InvoiceLineKind } from '../entities/billing-enums';
import { sumAmounts } from './money';

export interface InvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  amount: string;
  serviceId: string;
}

/** What billing knows of a closed appointment: the parties, the service, the price agreed at booking, and whether the patient changed it late. */
export interface ClosedAppointment {
  appointmentId: string;
  patientId: string;
  doctorId: string;
  serviceId: string;
  outcome: 'COMPLETED' | 'NO_SHOW' | 'CANCELLED';
  price: string;
  currency: string;
  /** The patient cancelled or moved it inside the cancellation window. */
  lateCancellation: boolean;
}

export interface InvoiceDraft {
  lines: InvoiceLine[];
  amount: string;
  currency: string;
}

/** The clinic's fees (NO_SHOW_FEE, LATE_CANCEL_FEE); null: none is charged. */
export interface Fees {
  noShow: string | null;
  lateCancel: string | null;
}

/**
 * What to bill for a closed appointment: the visit at its booked price when
 * it was completed; for a no-show, the no-show fee when the clinic set one;
 * a cancellation itself bills nothing. An appointment the patient cancelled
 * or moved late adds the late-cancellation fee when the clinic set one.
 * Nothing to bill: null.
 */
export function draftInvoice(closed: ClosedAppointment, fees: Fees): InvoiceDraft | null {
  const lines: InvoiceLine[] = [];
  if (closed.outcome === 'COMPLETED') {
    lines.push({
      kind: InvoiceLineKind.VISIT,
      description: 'Visit',
      amount: closed.price,
      serviceId: closed.serviceId,
    });
  } else if (closed.outcome === 'NO_SHOW' && fees.noShow) {
    lines.push({
      kind: InvoiceLineKind.NO_SHOW_FEE,
      description: 'Missed appointment fee',
      amount: fees.noShow,
      serviceId: closed.serviceId,
    });
  }
  if (closed.lateCancellation && fees.lateCancel) {
    lines.push({
      kind: InvoiceLineKind.LATE_CANCEL_FEE,
      description: 'Late cancellation fee',
      amount: fees.lateCancel,
      serviceId: closed.serviceId,
    });
  }
  if (lines.length === 0) return null;
  return { lines, amount: sumAmounts(lines.map((line) => line.amount)), currency: closed.currency };
}

export function parseLines(json: string): InvoiceLine[] {
  return JSON.parse(json) as InvoiceLine[];
}
