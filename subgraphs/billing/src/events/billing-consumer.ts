import { AppointmentFacts, AppointmentPrice, DomainEvent, EventConsumer, Logger, startEventConsumer } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { addInvoice } from '../domain/issue-invoice';

export const BILLING_QUEUE = 'billing';

/**
 * Issues the invoice when an appointment is completed (or marked a no-show,
 * when NO_SHOW_FEE is set). Idempotent twice over: the platform consumer
 * skips an event id it has applied, and the unique appointmentId refuses a
 * second invoice for the appointment whatever the event.
 */
export function startBillingConsumer(options: { orm: MikroORM; redisUrl: string; prefix: string; logger: Logger; noShowFee: string | null }): EventConsumer {
  return startEventConsumer({
    orm: options.orm,
    queue: BILLING_QUEUE,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger: options.logger,
    async handle(event: DomainEvent, em) {
      const facts = event.payload as AppointmentFacts & AppointmentPrice;
      const outcome = event.type === 'APPOINTMENT_COMPLETED' ? 'COMPLETED' : event.type === 'APPOINTMENT_NO_SHOW' ? 'NO_SHOW' : null;
      if (!outcome) return;
      await addInvoice(em, { ...facts, outcome }, options.noShowFee);
    },
  });
}
