import { buildFederatedSchema } from '@carebook/platform';
import type { DoctorDeps } from './deps';
import { doctorReference } from './references/doctor.reference';
import { locationReference } from './references/location.reference';
import { medicalServiceReference } from './references/medical-service.reference';
import { DoctorProfileResolver } from './resolvers/doctor-profile.resolver';
import { DoctorResolver } from './resolvers/doctor.resolver';
import { LocationResolver } from './resolvers/location.resolver';
import { MedicalServiceResolver } from './resolvers/medical-service.resolver';

/**
 * The doctor subgraph's schema; its deps may be omitted when only the SDL is needed.
 */
export function buildDoctorSchema(deps?: DoctorDeps) {
  return buildFederatedSchema({
    resolvers: [DoctorResolver, DoctorProfileResolver, MedicalServiceResolver, LocationResolver],
    instances: deps
      ? [
          new DoctorResolver(deps.listings),
          new MedicalServiceResolver(deps.defaults, deps.listings),
          new DoctorProfileResolver(deps.directory),
          new LocationResolver(deps),
        ]
      : [],
    references: { ...doctorReference, ...medicalServiceReference, ...locationReference },
  });
}
