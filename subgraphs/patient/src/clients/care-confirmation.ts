import { appointmentContract, contractClient, Logger, ServiceClient } from '@carebook/platform';

/**
 * Which of these patients have an appointment with the doctor, as the
 * appointment service knows (one call for them all). Care relationships
 * reach this service through events, a moment after the booking commits; a
 * doctor asking in that moment (a live schedule shows the booking within
 * milliseconds) would be refused a name the booking already entitles them
 * to see. A recorded relationship answers first; this is asked only for
 * patients with none recorded.
 */
export type CareConfirmation = (doctorId: string, patientIds: string[]) => Promise<Set<string>>;

export function careConfirmationFrom(services: ServiceClient, logger: Logger): CareConfirmation {
  const appointment = contractClient(appointmentContract, services);
  return async (doctorId, patientIds) => {
    try {
      const { appointments } = await appointment.appointments({ doctorId, patientIds });
      // As the care projection: a PENDING booking (not yet, or never, confirmed) entitles to nothing.
      return new Set(
        appointments
          .filter((appointment) => appointment.status !== 'PENDING')
          .map((appointment) => appointment.patientId),
      );
    } catch (error) {
      // Fail closed: without the owner's word the recorded relationships decide.
      logger.warn(
        { err: (error as Error).message },
        'could not confirm care relationships with the appointment service',
      );
      return new Set();
    }
  };
}
