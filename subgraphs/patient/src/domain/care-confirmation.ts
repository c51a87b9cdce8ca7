import type { Logger, ServiceClient } from '@carebook/platform';

/**
 * Whether the appointment service holds an appointment between a doctor and
 * a patient. Care relationships reach this service through events, a moment
 * after the booking commits; a doctor asking in that moment (a live schedule
 * shows the booking within milliseconds) would be refused a name the
 * booking already entitles them to see. A recorded relationship answers
 * first; this is asked only when none is recorded.
 */
export type CareConfirmation = (doctorId: string, patientId: string) => Promise<boolean>;

export function careConfirmationFrom(services: ServiceClient, logger: Logger): CareConfirmation {
  return async (doctorId, patientId) => {
    try {
      const { appointments } = await services.call<{ appointments: unknown[] }>('appointment', 'appointments', { doctorId, patientId });
      return appointments.length > 0;
    } catch (error) {
      // Fail closed: without the owner's word the recorded relationships decide.
      logger.warn({ err: (error as Error).message }, 'could not confirm a care relationship with the appointment service');
      return false;
    }
  };
}
