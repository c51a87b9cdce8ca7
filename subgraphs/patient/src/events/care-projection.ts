import { AppointmentFacts, DomainEvent, EventConsumer, Logger, startEventConsumer } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { grantCare } from '../domain/care-relationships';

/**
 * Keeps "which doctor has (or had) an appointment with which patient" from
 * the appointment service's events, so a doctor can open the chart of a
 * patient they see. Relationships are never withdrawn: a doctor keeps
 * access to the charts of patients they had appointments with.
 */
export function startCareProjection(orm: MikroORM, redisUrl: string, prefix: string, logger: Logger): EventConsumer {
  return startEventConsumer({
    orm,
    queue: 'patient-care',
    redisUrl,
    prefix,
    logger,
    async handle(event: DomainEvent, em) {
      const facts = event.payload as AppointmentFacts;
      await grantCare(em, facts.doctorId, facts.patientId);
    },
  });
}
