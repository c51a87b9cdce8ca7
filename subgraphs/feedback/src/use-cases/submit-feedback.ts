import {
  appointmentContract,
  Conflict,
  contractClient,
  FieldSealer,
  NotFound,
  recordEvent,
  ServiceClient,
  SignedInUser,
} from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Feedback } from '../entities/feedback.entity';
import { AppointmentFactsWithStatus, assertMayGiveFeedback, validFeedback } from '../domain/feedback-rules';
import { SEALED } from '../domain/sealed-columns';

export const SOURCE = 'feedback';

/**
 * Asks the appointment service, synchronously, for the appointment's parties
 * and status: feedback right after the completion must work, before any
 * event could have arrived.
 */
export async function appointmentFacts(
  services: ServiceClient,
  appointmentId: string,
): Promise<AppointmentFactsWithStatus> {
  const { appointments } = await contractClient(appointmentContract, services).appointments({ ids: [appointmentId] });
  const found = appointments.find((a) => a.appointmentId === appointmentId);
  if (!found) throw new NotFound('Appointment', appointmentId);
  return found;
}

const ALREADY = () => new Conflict('You have already given feedback on this appointment; it can be given once.');

/** Records the patient's feedback on their completed appointment, once; FEEDBACK_SUBMITTED goes out with it. */
export async function submitFeedback(
  em: EntityManager,
  services: ServiceClient,
  sealer: FieldSealer,
  user: SignedInUser,
  input: { appointmentId: string; rating: number; comment?: string | null },
  nudge: () => void,
): Promise<Feedback> {
  const valid = validFeedback(input.rating, input.comment);
  const appointment = await appointmentFacts(services, input.appointmentId);
  assertMayGiveFeedback(user, appointment);
  if (await em.fork().findOne(Feedback, { appointmentId: appointment.appointmentId })) throw ALREADY();
  try {
    const feedback = await em.fork().transactional(async (tx) => {
      const id = randomUUID();
      const comment = sealer.seal(SEALED.comment, id, valid.comment);
      const created = tx.create(Feedback, {
        id,
        appointmentId: appointment.appointmentId,
        patientId: appointment.patientId,
        doctorId: appointment.doctorId,
        rating: valid.rating,
        comment,
      });
      tx.persist(created);
      recordEvent(
        tx,
        SOURCE,
        'FEEDBACK_SUBMITTED',
        { type: 'Feedback', id: created.id },
        {
          feedbackId: created.id,
          appointmentId: appointment.appointmentId,
          doctorId: appointment.doctorId,
          rating: valid.rating,
        },
      );
      return created;
    });
    nudge();
    return feedback;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw ALREADY();
    throw error;
  }
}
