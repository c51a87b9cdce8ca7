import { buildFederatedSchema } from '@carebook/platform';
import { medicalRecordReference } from './references/medical-record.reference';
import { patientReference } from './references/patient.reference';
import { MedicalRecordResolver } from './resolvers/medical-record.resolver';
import type { PatientDeps } from './deps';
import { PatientResolver } from './resolvers/patient.resolver';

/** The patient subgraph's schema; `deps` may be omitted when only the SDL is needed. */
export function buildPatientSchema(deps?: PatientDeps) {
  return buildFederatedSchema({
    resolvers: [PatientResolver, MedicalRecordResolver],
    instances: deps ? [new PatientResolver(deps), new MedicalRecordResolver(deps)] : [],
    references: { ...patientReference(deps?.confirmCare), ...medicalRecordReference(deps?.confirmCare) },
  });
}
