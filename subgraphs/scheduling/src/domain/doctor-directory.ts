import { BadUserInput, DoctorFacts, MedicalServiceFacts, ServiceClient } from '@carebook/platform';

/** Only what scheduling reads of a catalogue service. */
export type ServiceFacts = Pick<
  MedicalServiceFacts,
  'id' | 'name' | 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'active' | 'bookingPolicy'
>;
export type { DoctorFacts };

/** The doctor service's lookup routes, as scheduling uses them. */
export interface DoctorDirectory {
  /** The doctor, or BAD_USER_INPUT naming the unknown id. */
  requireDoctor(doctorId: string): Promise<DoctorFacts>;
  byIds(ids: string[]): Promise<DoctorFacts[]>;
  /** Active doctors offering the service and/or of the specialty (allActive: all of them). */
  search(query: { serviceId?: string; specialty?: string; allActive?: true }): Promise<DoctorFacts[]>;
  /** The service, or NOT_FOUND (the doctor service's answer). */
  service(id: string): Promise<ServiceFacts>;
}

export function doctorDirectory(services: ServiceClient): DoctorDirectory {
  const byIds = async (ids: string[]) =>
    ids.length ? (await services.call<{ doctors: DoctorFacts[] }>('doctor', 'doctors', { ids })).doctors : [];
  return {
    byIds,
    async requireDoctor(doctorId) {
      const [doctor] = await byIds([doctorId]);
      if (!doctor) throw new BadUserInput(`There is no doctor with id ${doctorId}.`, 'doctorId');
      return doctor;
    },
    async search(query) {
      return (await services.call<{ doctors: DoctorFacts[] }>('doctor', 'doctors', query)).doctors;
    },
    service: (id) => services.call<ServiceFacts>('doctor', 'medical-service', { id }),
  };
}
