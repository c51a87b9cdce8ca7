import { BookingPolicy, buildFederatedSchema, DirectoryAnnouncer } from '@carebook/platform';
import { doctorReference } from './references/doctor.reference';
import { medicalServiceReference } from './references/medical-service.reference';
import { DoctorProfileResolver } from './resolvers/doctor-profile.resolver';
import { DoctorResolver } from './resolvers/doctor.resolver';
import { MedicalServiceResolver } from './resolvers/medical-service.resolver';

/**
 * The doctor subgraph's schema; its deps (the clinic's booking rules, the
 * announcer of changes) may be omitted when only the SDL is needed.
 */
export function buildDoctorSchema(deps?: { defaults: BookingPolicy; directory: DirectoryAnnouncer }) {
  return buildFederatedSchema({
    resolvers: [DoctorResolver, DoctorProfileResolver, MedicalServiceResolver],
    instances: deps ? [new MedicalServiceResolver(deps.defaults), new DoctorProfileResolver(deps.directory)] : [],
    references: { ...doctorReference, ...medicalServiceReference },
  });
}
