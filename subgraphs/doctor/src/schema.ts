import { buildFederatedSchema } from '@carebook/platform';
import { doctorReference } from './references/doctor.reference';
import { medicalServiceReference } from './references/medical-service.reference';
import { DoctorResolver } from './resolvers/doctor.resolver';
import { MedicalServiceResolver } from './resolvers/medical-service.resolver';

/** The doctor subgraph's schema. Its resolvers need nothing but the request context, so there are no deps. */
export function buildDoctorSchema() {
  return buildFederatedSchema({
    resolvers: [DoctorResolver, MedicalServiceResolver],
    references: { ...doctorReference, ...medicalServiceReference },
  });
}
