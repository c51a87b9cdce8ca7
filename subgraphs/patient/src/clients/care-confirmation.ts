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

/**
 * How long a PENDING booking is waited for, in steps: it settles within its own request (confirmed, or
 * withdrawn, its row deleted, when the slot was not ours), a few milliseconds after scheduling announced the slot booked, so a
 * live schedule asking at once would otherwise be refused the booking's patient.
 */
const PENDING_WAITS_MS = [50, 150, 300, 500, 1000];

export function careConfirmationFrom(services: ServiceClient, logger: Logger): CareConfirmation {
  const appointment = contractClient(appointmentContract, services);
  return async (doctorId, patientIds) => {
    const confirmed = new Set<string>();
    let asked = patientIds;
    try {
      for (const wait of [0, ...PENDING_WAITS_MS]) {
        if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
        const { appointments } = await appointment.appointments({ doctorId, patientIds: asked });
        // As the care projection: a PENDING booking (not yet, or never, confirmed) entitles to nothing by itself.
        for (const held of appointments) if (held.status !== 'PENDING') confirmed.add(held.patientId);
        asked = [
          ...new Set(appointments.filter((held) => held.status === 'PENDING').map((held) => held.patientId)),
        ].filter((patientId) => !confirmed.has(patientId));
        if (asked.length === 0) break;
      }
      return confirmed;
    } catch (error) {
      // Fail closed: without the owner's word the recorded relationships decide.
      logger.warn(
        { err: (error as Error).message },
        'could not confirm care relationships with the appointment service',
      );
      return confirmed;
    }
  };
}
