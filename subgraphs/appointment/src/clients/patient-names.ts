import { contractClient, patientContract, type ServiceClient } from '@carebook/platform';

/** The patient service's names by id (patients it does not know are left out). */
export interface PatientNames {
  names(ids: readonly string[]): Promise<Map<string, string>>;
}

export function patientNames(client: ServiceClient): PatientNames {
  const patient = contractClient(patientContract, client);
  return {
    async names(ids) {
      const answer = await patient.names({ ids: [...new Set(ids)] });
      return new Map(answer.names.map((p) => [p.id, p.name]));
    },
  };
}
