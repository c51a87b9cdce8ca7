import {
  appointmentContract,
  contractClient,
  Logger,
  patientContract,
  ServiceClient,
  UnavailabilityOutcome,
} from '@carebook/platform';

/** A booked appointment in the way of a time off, as the staff see it. */
export interface Clash {
  appointmentId: string;
  slotId: string;
  doctorId: string;
  startsAt: string;
  /** Null when the appointment or patient service could not be asked. */
  patientId: string | null;
  patientName: string | null;
}

export type UnavailabilityCause = 'TIME_OFF' | 'CLINIC_CLOSED';

/**
 * What scheduling asks the appointment service (and, for names, the patient
 * service) when time off meets booked appointments. Scheduling never changes
 * an appointment itself: the appointment service cancels, records the
 * history and tells the patient.
 */
export interface AppointmentDesk {
  /** Adds the patients (id and name) to clashes; best effort, a failed lookup leaves them null. */
  describe(clashes: Array<Omit<Clash, 'patientId' | 'patientName'>>): Promise<Clash[]>;
  cancel(
    appointmentIds: string[],
    actor: { id: string; role: string },
    cause: UnavailabilityCause,
  ): Promise<UnavailabilityOutcome>;
}

export function appointmentDesk(services: ServiceClient, logger: Logger): AppointmentDesk {
  const appointment = contractClient(appointmentContract, services);
  const patient = contractClient(patientContract, services);
  return {
    async describe(clashes) {
      const named = clashes.map((clash) => ({
        ...clash,
        patientId: null as string | null,
        patientName: null as string | null,
      }));
      if (named.length === 0) return named;
      try {
        const { appointments } = await appointment.appointments({ ids: named.map((clash) => clash.appointmentId) });
        const patientOf = new Map(appointments.map((a) => [a.appointmentId, a.patientId]));
        for (const clash of named) clash.patientId = patientOf.get(clash.appointmentId) ?? null;
        const ids = [...new Set(named.flatMap((clash) => (clash.patientId ? [clash.patientId] : [])))];
        if (ids.length === 0) return named;
        const { names: patients } = await patient.names({ ids });
        const nameOf = new Map(patients.map((p) => [p.id, p.name]));
        for (const clash of named) clash.patientName = clash.patientId ? (nameOf.get(clash.patientId) ?? null) : null;
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'could not name the patients of clashing appointments');
      }
      return named;
    },
    cancel: (appointmentIds, actor, cause) => appointment.cancelForUnavailability({ appointmentIds, actor, cause }),
  };
}
