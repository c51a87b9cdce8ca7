import { contractClient, patientContract, ServiceClient } from '@carebook/platform';
import type { DoctorApi } from '../clients/doctor-facts-cache';
import type { ExportedAppointment } from './appointment-pages';

export interface RowNames {
  doctor: Map<string, string>;
  patient: Map<string, string>;
  service: Map<string, string>;
}

/**
 * The names a page of export rows shows, asked of their owners once per page
 * (never per row): the doctors and the patients in one call each, the medical
 * services one call per distinct service (a clinic has few, and the doctor
 * lookups are cached for seconds). A service since removed is left unnamed.
 */
export function rowNamesFor(client: ServiceClient, doctors: DoctorApi) {
  const patient = contractClient(patientContract, client);
  return async (page: ExportedAppointment[]): Promise<RowNames> => {
    const distinct = (ids: string[]) => [...new Set(ids)];
    const doctorIds = distinct(page.map((a) => a.doctorId));
    const patientIds = distinct(page.map((a) => a.patientId));
    const serviceIds = distinct(page.map((a) => a.serviceId));
    const [doctorFacts, patients, services] = await Promise.all([
      doctors.doctors({ ids: doctorIds }),
      patient.names({ ids: patientIds }),
      Promise.all(serviceIds.map((id) => doctors.medicalService(id).catch(() => null))),
    ]);
    return {
      doctor: new Map(doctorFacts.map((d) => [d.id, d.name])),
      patient: new Map(patients.names.map((p) => [p.id, p.name])),
      service: new Map(services.flatMap((s) => (s ? [[s.id, s.name] as const] : []))),
    };
  };
}
