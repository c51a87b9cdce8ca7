import {
  AppointmentStatus,
  Forbidden,
  groupedLoader,
  loaderFor,
  RequestContext,
  requireUser,
  Role,
} from '@carebook/platform';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { mayReadInvoice } from '../domain/access';
import type { BillingDeps } from '../deps';
import type { AppointmentRecord } from '../clients/appointment-lookup';
import type { ClosedAppointment } from '../domain/invoice-lines';
import { issueInvoice } from '../use-cases/issue-invoice';
import { AppointmentRef, PatientRef } from '../entities/federated-refs';
import { Invoice } from '../entities/invoice.entity';

const OUTCOMES: Partial<Record<AppointmentStatus, ClosedAppointment['outcome']>> = {
  [AppointmentStatus.COMPLETED]: 'COMPLETED',
  [AppointmentStatus.NO_SHOW]: 'NO_SHOW',
  [AppointmentStatus.CANCELLED]: 'CANCELLED',
};

/** Whether an appointment in this state may owe an invoice: closed, and a cancellation only when late. */
function mayOwe(status: AppointmentStatus | null | undefined, lateCancellation: boolean | null | undefined): boolean {
  if (status === AppointmentStatus.CANCELLED) return lateCancellation === true;
  return status === AppointmentStatus.COMPLETED || status === AppointmentStatus.NO_SHOW;
}

@Resolver(() => AppointmentRef)
export class AppointmentInvoiceResolver {
  constructor(private readonly deps: BillingDeps) {}

  /**
   * The appointment's invoice. The event consumer issues it within moments of
   * the completion; but a response that completes the appointment and asks
   * for its invoice in one go (CompleteAppointment) comes before that. So the
   * appointment's status is required from the appointment service, and for a
   * closed appointment without an invoice billing asks that service for the
   * facts (its own word, not the representation's: parties and the price
   * agreed at booking) and issues the invoice here with the same idempotent
   * function as the consumer; the unique appointment id settles a race (the
   * loser answers the winner's invoice).
   */
  @Directive('@requires(fields: "status lateCancellation")')
  @FieldResolver(() => Invoice, {
    nullable: true,
    description:
      'Its patient, its doctor and admins see it; null until the appointment is completed (or a no-show, or cancelled late, with a fee).',
  })
  async invoice(@Root() appointment: AppointmentRef, @Ctx() ctx: RequestContext): Promise<Invoice | null> {
    const user = requireUser(ctx);
    let invoice = await loaderFor<string, Invoice>(ctx, 'appointment-invoice', async (ids) => {
      const rows = await ctx.em.find(Invoice, { appointmentId: { $in: [...ids] } });
      const byAppointment = new Map(rows.map((row) => [row.appointmentId, row]));
      return ids.map((id) => byAppointment.get(id) ?? null);
    }).load(appointment.id);
    if (!invoice && mayOwe(appointment.status, appointment.lateCancellation)) {
      const facts = await loaderFor<string, AppointmentRecord>(ctx, 'closed-appointment', async (ids) => {
        const found = new Map((await this.deps.appointments(ids)).map((a) => [a.appointmentId, a]));
        return ids.map((id) => found.get(id) ?? null);
      }).load(appointment.id);
      if (facts && mayOwe(facts.status, facts.lateCancellation)) {
        invoice = await issueInvoice(
          ctx.em,
          { ...facts, outcome: OUTCOMES[facts.status]!, lateCancellation: facts.lateCancellation === true },
          this.deps.fees,
          this.deps.nudge,
        );
      }
    }
    return invoice && mayReadInvoice(user, invoice) ? invoice : null;
  }
}

@Resolver(() => PatientRef)
export class PatientInvoicesResolver {
  @FieldResolver(() => [Invoice], { description: 'The patient themself and admins; newest first.' })
  invoices(@Root() patient: PatientRef, @Ctx() ctx: RequestContext): Promise<Invoice[]> {
    const user = requireUser(ctx);
    if (user.role !== Role.ADMIN && user.id !== patient.id) throw new Forbidden('You can see only your own invoices.');
    return groupedLoader(
      ctx,
      'patient-invoices',
      (ids) => ctx.em.find(Invoice, { patientId: { $in: [...ids] } }, { orderBy: { issuedAt: 'desc', id: 'desc' } }),
      (invoice) => invoice.patientId,
    ).load(patient.id);
  }
}
