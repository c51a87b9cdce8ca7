import {
  BadUserInput,
  Conflict,
  Forbidden,
  InternalError,
  NotFound,
  recordAdminAction,
  recordEvent,
  Role,
  SignedInUser,
} from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { InvoiceStatus, PaymentMethod, PaymentStatus } from '../entities/billing-enums';
import { Invoice } from '../entities/invoice.entity';
import { Payment } from '../entities/payment.entity';
import type { PaymentProvider } from '../payments/payment-provider';
import { SOURCE } from './issue-invoice';

export interface PaymentRequest {
  method: PaymentMethod;
  token?: string | null;
}

export interface PaymentDeps {
  provider: PaymentProvider;
  nudge(): void;
}

/** A claim older than this is taken to be left by a crashed attempt and may be taken over. */
export const CLAIM_TIMEOUT_MS = 60_000;
const PAYABLE = [InvoiceStatus.PENDING, InvoiceStatus.FAILED];

/** Who may pay with what: a patient their own invoice by card; an admin any invoice, and records cash and insurance. */
export function assertMayPay(user: SignedInUser, invoice: Invoice, method: PaymentMethod): void {
  if (user.role === Role.ADMIN) return;
  if (user.role !== Role.PATIENT || user.id !== invoice.patientId)
    throw new Forbidden('You can pay only your own invoices.');
  if (method !== PaymentMethod.CARD)
    throw new Forbidden('Cash and insurance payments are recorded by the clinic staff; pay by card here.');
}

function validate(request: PaymentRequest, provider: PaymentProvider): string | null {
  if (request.method === PaymentMethod.CARD && !provider.takesCards) {
    throw new BadUserInput(
      'This clinic takes no card payments online; pay at the clinic, where the staff record cash or insurance.',
      'input.method',
    );
  }
  const token = request.token?.trim() || null;
  if (request.method === PaymentMethod.CARD && !token)
    throw new BadUserInput('A card payment needs the card token from the payment form.', 'input.token');
  if (token && token.length > 200) throw new BadUserInput('token must be at most 200 characters.', 'input.token');
  return token;
}

function refuseUnpayable(invoice: Invoice): never {
  if (invoice.status === InvoiceStatus.PAID)
    throw new Conflict('This invoice is already paid.', { invoiceStatus: invoice.status });
  if (invoice.status === InvoiceStatus.VOID)
    throw new Conflict('This invoice was voided and is not to be paid.', { invoiceStatus: invoice.status });
  throw new Conflict('A payment of this invoice is in progress; check its status in a moment.', {
    invoiceStatus: invoice.status,
  });
}

/**
 * Pays an invoice at most once. One conditional update claims the invoice
 * for this attempt (only a PENDING or FAILED invoice that no live attempt
 * holds); a concurrent second payment finds it claimed or paid and gets
 * CONFLICT without reaching the provider. The outcome, the payment row and
 * INVOICE_PAID commit together and release the claim. A declined card
 * leaves the invoice FAILED (payable again) and answers BAD_USER_INPUT.
 */
export async function payInvoice(
  em: EntityManager,
  deps: PaymentDeps,
  user: SignedInUser,
  invoiceId: string,
  request: PaymentRequest,
): Promise<Invoice> {
  const token = validate(request, deps.provider);
  const invoice = await em.fork().findOne(Invoice, { id: invoiceId });
  if (!invoice) throw new NotFound('Invoice', invoiceId);
  assertMayPay(user, invoice, request.method);
  if (!PAYABLE.includes(invoice.status)) refuseUnpayable(invoice);

  const attempt = randomUUID();
  const now = new Date();
  const claimed = await em.fork().nativeUpdate(
    Invoice,
    {
      id: invoiceId,
      status: { $in: PAYABLE },
      $or: [{ paymentAttemptId: null }, { paymentAttemptAt: { $lt: new Date(now.getTime() - CLAIM_TIMEOUT_MS) } }],
    },
    { paymentAttemptId: attempt, paymentAttemptAt: now },
  );
  if (claimed === 0) refuseUnpayable(await em.fork().findOneOrFail(Invoice, { id: invoiceId }));

  let outcome: { ok: true; providerReference: string | null } | { ok: false; reason: string };
  if (request.method === PaymentMethod.CARD) {
    try {
      outcome = await deps.provider.charge({
        idempotencyKey: attempt,
        amount: invoice.amount,
        currency: invoice.currency,
        token: token!,
        reference: invoice.id,
      });
    } catch {
      await em
        .fork()
        .nativeUpdate(
          Invoice,
          { id: invoiceId, paymentAttemptId: attempt },
          { paymentAttemptId: null, paymentAttemptAt: null },
        );
      throw new InternalError(
        'The payment provider could not be reached; nothing was charged. Please try again shortly.',
      );
    }
  } else {
    outcome = { ok: true, providerReference: null };
  }

  const settled = await em.fork().transactional(async (tx) => {
    const paidAt = outcome.ok ? new Date() : null;
    const updated = await tx.nativeUpdate(
      Invoice,
      { id: invoiceId, paymentAttemptId: attempt },
      {
        status: outcome.ok ? InvoiceStatus.PAID : InvoiceStatus.FAILED,
        paidAt,
        paymentAttemptId: null,
        paymentAttemptAt: null,
      },
    );
    if (updated === 0)
      throw new Conflict(
        'This payment took too long and another one took over; check the invoice before paying again.',
      );
    tx.persist(
      tx.create(Payment, {
        invoiceId,
        method: request.method,
        status: outcome.ok ? PaymentStatus.SUCCEEDED : PaymentStatus.DECLINED,
        amount: invoice.amount,
        currency: invoice.currency,
        providerReference: outcome.ok ? outcome.providerReference : null,
        failureReason: outcome.ok ? null : outcome.reason,
        recordedBy: user.id,
      }),
    );
    if (outcome.ok) {
      recordEvent(
        tx,
        SOURCE,
        'INVOICE_PAID',
        { type: 'Invoice', id: invoiceId },
        { invoiceId, appointmentId: invoice.appointmentId, patientId: invoice.patientId, method: request.method },
      );
      await recordAdminAction(tx, SOURCE, user, 'RECORD_PAYMENT', invoiceId, { method: request.method });
    }
    return tx.findOneOrFail(Invoice, { id: invoiceId }, { refresh: true });
  });
  deps.nudge();
  if (!outcome.ok) {
    throw new BadUserInput(
      `The payment was declined: ${outcome.reason} The invoice is not paid; you can try again with another card.`,
      'input.token',
    );
  }
  return settled;
}
