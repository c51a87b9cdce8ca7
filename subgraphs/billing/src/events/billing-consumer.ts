import { AppointmentStatus, DomainEvent, EventConsumer, Logger, startEventConsumer } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import type { AppointmentLookup } from '../domain/appointment-lookup';
import type { ClosedAppointment } from '../domain/invoice-lines';
import { addInvoice } from '../domain/issue-invoice';

export const BILLING_QUEUE = 'billing';

/** The event types that close an appointment, and the status the appointment service must then hold. */
const CLOSING: Record<string, { status: AppointmentStatus; outcome: ClosedAppointment['outcome'] }> = {
  APPOINTMENT_COMPLETED: { status: AppointmentStatus.COMPLETED, outcome: 'COMPLETED' },
  APPOINTMENT_NO_SHOW: { status: AppointmentStatus.NO_SHOW, outcome: 'NO_SHOW' },
};

/**
 * Issues the invoice when an appointment is completed (or marked a no-show,
 * when NO_SHOW_FEE is set). Idempotent twice over: the platform consumer
 * skips an event id it has applied, and the unique appointmentId refuses a
 * second invoice for the appointment whatever the event.
 *
 * What is billed is never taken from the job: anyone who can write to Redis
 * could push one with any patient and price. The appointment service is
 * asked (internal route) and the invoice made from its answer, only when it
 * holds the appointment closed the way the event says.
 */
export function startBillingConsumer(options: { orm: MikroORM; redisUrl: string; prefix: string; logger: Logger; noShowFee: string | null; appointments: AppointmentLookup }): EventConsumer {
  return startEventConsumer<ClosedAppointment>({
    orm: options.orm,
    queue: BILLING_QUEUE,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger: options.logger,
    verify: (event) => closedAtSource(options.appointments, event),
    async handle(_event, em, closed) {
      await addInvoice(em, closed, options.noShowFee);
    },
  });
}

async function closedAtSource(appointments: AppointmentLookup, event: DomainEvent): Promise<ClosedAppointment | null> {
  const closing = CLOSING[event?.type];
  const appointmentId = (event?.payload as { appointmentId?: unknown } | undefined)?.appointmentId;
  if (!closing || typeof appointmentId !== 'string' || !appointmentId) return null;
  const [held] = await appointments([appointmentId]);
  if (!held || held.appointmentId !== appointmentId || held.status !== closing.status) return null;
  return { appointmentId, patientId: held.patientId, doctorId: held.doctorId, serviceId: held.serviceId, price: held.price, currency: held.currency, outcome: closing.outcome };
}
