import { groupedLoader, RequestContext, requireUser, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BillingDeps } from '../deps';
import { parseLines } from '../domain/invoice-lines';
import { payInvoice } from '../use-cases/payment';
import { AppointmentRef, PatientRef } from '../entities/federated-refs';
import { Invoice } from '../entities/invoice.entity';
import { Payment } from '../entities/payment.entity';
import { PaymentInput } from './inputs/payment.input';
import { InvoiceLineType } from './types/invoice-line.type';

@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(private readonly deps: BillingDeps) {}

  @Authorized()
  @Query(() => [Invoice], { description: "The signed-in patient's invoices, newest first." })
  myInvoices(@Ctx() ctx: RequestContext): Promise<Invoice[]> {
    const user = requireUser(ctx);
    return ctx.em.find(Invoice, { patientId: user.id }, { orderBy: { issuedAt: 'desc', id: 'desc' } });
  }

  @Authorized(Role.PATIENT, Role.ADMIN)
  @Mutation(() => Invoice, {
    description:
      'Pays an invoice once: a patient their own by card; an admin records cash, insurance or card. A declined card leaves it FAILED, payable again.',
  })
  payInvoice(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PaymentInput) input: PaymentInput,
  ): Promise<Invoice> {
    return payInvoice(ctx.em, this.deps, requireUser(ctx), id, input);
  }

  @FieldResolver(() => AppointmentRef)
  appointment(@Root() invoice: Invoice): AppointmentRef {
    return { id: invoice.appointmentId };
  }

  @FieldResolver(() => PatientRef)
  patient(@Root() invoice: Invoice): PatientRef {
    return { id: invoice.patientId };
  }

  @FieldResolver(() => [InvoiceLineType])
  lines(@Root() invoice: Invoice): InvoiceLineType[] {
    return parseLines(invoice.lines).map(({ serviceId, ...line }) => ({ ...line, service: { id: serviceId } }));
  }

  @FieldResolver(() => [Payment], { description: 'Every payment attempt, oldest first.' })
  payments(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<Payment[]> {
    return groupedLoader(
      ctx,
      'invoice-payments',
      (ids) => ctx.em.find(Payment, { invoiceId: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      (payment) => payment.invoiceId,
    ).load(invoice.id);
  }
}
