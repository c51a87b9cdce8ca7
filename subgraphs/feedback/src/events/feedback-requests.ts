import {
  AppointmentFacts,
  DomainEvent,
  EventConsumer,
  Logger,
  recordEvent,
  startEventConsumer,
} from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { SOURCE } from '../use-cases/submit-feedback';
import { Feedback } from '../entities/feedback.entity';

export const FEEDBACK_QUEUE = 'feedback';

/**
 * When an appointment is completed, records FEEDBACK_REQUESTED (outbox, in
 * the same transaction as the processed-event mark, so once per completion),
 * unless the patient has already given it; the notification service sends
 * the invitation to the patient.
 */
export function startFeedbackRequests(options: {
  orm: MikroORM;
  redisUrl: string;
  prefix: string;
  logger: Logger;
}): EventConsumer {
  return startEventConsumer({
    orm: options.orm,
    queue: FEEDBACK_QUEUE,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger: options.logger,
    async handle(event: DomainEvent, em) {
      if (event.type !== 'APPOINTMENT_COMPLETED') return;
      const facts = event.payload as AppointmentFacts;
      // A patient quick enough to rate the visit before this event arrived is not asked again.
      if (await em.findOne(Feedback, { appointmentId: facts.appointmentId })) return;
      recordEvent(
        em,
        SOURCE,
        'FEEDBACK_REQUESTED',
        { type: 'Appointment', id: facts.appointmentId },
        {
          appointmentId: facts.appointmentId,
          patientId: facts.patientId,
          doctorId: facts.doctorId,
        },
      );
    },
  });
}
