import { BookingPolicy, buildFederatedSchema } from '@carebook/platform';
import { doctorReference } from './references/doctor.reference';
import { medicalServiceReference } from './references/medical-service.reference';
import { DoctorResolver } from './resolvers/doctor.resolver';
import { MedicalServiceResolver } from './resolvers/medical-service.resolver';

/**
 * The doctor subgraph's schema; the clinic's booking rules (`defaults`) may
 * be omitted when only the SDL is needed.
 */
export function buildDoctorSchema(defaults?: BookingPolicy) {
  return buildFederatedSchema({
    resolvers: [DoctorResolver, MedicalServiceResolver],
    instances: defaults ? [new MedicalServiceResolver(defaults)] : [],
    references: { ...doctorReference, ...medicalServiceReference },
  });
}
