import { AppointmentStatus, DomainEvent, EventConsumer, Logger, startEventConsumer } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { AppointmentLookup } from '../clients/appointment-lookup';
import type { ClosedAppointment, Fees } from '../domain/invoice-lines';
import { addInvoice } from '../use-cases/issue-invoice';

export const BILLING_QUEUE = 'billing';

/** The event types that close an appointment, and the status the appointment service must then hold. */
const CLOSING: Record<string, { status: AppointmentStatus; outcome: ClosedAppointment['outcome'] }> = {
  APPOINTMENT_COMPLETED: { status: AppointmentStatus.COMPLETED, outcome: 'COMPLETED' },
  APPOINTMENT_NO_SHOW: { status: AppointmentStatus.NO_SHOW, outcome: 'NO_SHOW' },
  APPOINTMENT_CANCELLED: { status: AppointmentStatus.CANCELLED, outcome: 'CANCELLED' },
};

/** What to do with an event: bill what the appointment service confirmed, or nothing (a cancellation in good time). */
type Decision = { bill: ClosedAppointment } | { bill: null };

/**
 * Issues the invoice when an appointment is completed, marked a no-show
 * (when NO_SHOW_FEE is set) or cancelled late by its patient (when
 * LATE_CANCEL_FEE is set). Idempotent twice over: the platform consumer
 * skips an event id it has applied, and the unique appointmentId refuses a
 * second invoice for the appointment whatever the event.
 *
 * What is billed is never taken from the job: anyone who can write to Redis
 * could push one with any patient and price. The appointment service is
 * asked (internal route) and the invoice made from its answer, only when it
 * holds the appointment closed the way the event says; lateness too is its
 * word. A cancellation the event calls timely bills nothing and needs no
 * question (a job can only lower what is billed that way).
 */
export function startBillingConsumer(options: {
  orm: MikroORM;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  fees: Fees;
  appointments: AppointmentLookup;
}): EventConsumer {
  return startEventConsumer<Decision>({
    orm: options.orm,
    queue: BILLING_QUEUE,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger: options.logger,
    verify: (event) => decide(options.appointments, event),
    async handle(_event, em, decision) {
      if (decision.bill) await addInvoice(em, decision.bill, options.fees);
    },
  });
}

async function decide(appointments: AppointmentLookup, event: DomainEvent): Promise<Decision | null> {
  const closing = CLOSING[event?.type];
  const payload = event?.payload as { appointmentId?: unknown; late?: unknown } | undefined;
  const appointmentId = payload?.appointmentId;
  if (!closing || typeof appointmentId !== 'string' || !appointmentId) return null;
  if (closing.outcome === 'CANCELLED' && payload?.late !== true) return { bill: null };
  const [held] = await appointments([appointmentId]);
  if (!held || held.appointmentId !== appointmentId || held.status !== closing.status) return null;
  return {
    bill: {
      appointmentId,
      patientId: held.patientId,
      doctorId: held.doctorId,
      serviceId: held.serviceId,
      price: held.price,
      currency: held.currency,
      outcome: closing.outcome,
      lateCancellation: held.lateCancellation === true,
    },
  };
}
