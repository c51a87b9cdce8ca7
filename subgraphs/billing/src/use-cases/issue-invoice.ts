import { recordEvent } from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Invoice } from '../entities/invoice.entity';
import { ClosedAppointment, draftInvoice, Fees } from '../domain/invoice-lines';

export const SOURCE = 'billing';

/**
 * Adds the invoice for a closed appointment and its INVOICE_ISSUED event to
 * the unit of work of `em` (inside the caller's transaction), unless the
 * appointment already has one or owes nothing. The unique appointmentId
 * stops a concurrent second issue at commit.
 */
export async function addInvoice(em: EntityManager, closed: ClosedAppointment, fees: Fees): Promise<Invoice | null> {
  const existing = await em.findOne(Invoice, { appointmentId: closed.appointmentId });
  if (existing) return existing;
  const draft = draftInvoice(closed, fees);
  if (!draft) return null;
  const invoice = em.create(Invoice, {
    appointmentId: closed.appointmentId,
    patientId: closed.patientId,
    doctorId: closed.doctorId,
    serviceId: closed.serviceId,
    amount: draft.amount,
    currency: draft.currency,
    lines: JSON.stringify(draft.lines),
  });
  em.persist(invoice);
  recordEvent(
    em,
    SOURCE,
    'INVOICE_ISSUED',
    { type: 'Invoice', id: invoice.id },
    {
      invoiceId: invoice.id,
      appointmentId: closed.appointmentId,
      patientId: closed.patientId,
      amount: draft.amount,
      currency: draft.currency,
    },
  );
  return invoice;
}

/**
 * Issues the invoice in a transaction of its own (the Appointment.invoice
 * path); when a concurrent issuer (the event consumer) won the race, answers
 * the winner's invoice.
 */
export async function issueInvoice(
  em: EntityManager,
  closed: ClosedAppointment,
  fees: Fees,
  nudge: () => void,
): Promise<Invoice | null> {
  try {
    const invoice = await em.fork().transactional((tx) => addInvoice(tx, closed, fees));
    nudge();
    return invoice;
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return em.fork().findOne(Invoice, { appointmentId: closed.appointmentId });
  }
}
