import { BookingPolicy, buildFederatedSchema, DirectoryAnnouncer } from '@carebook/platform';
import type { PublicListings } from './domain/public-listings';
import { doctorReference } from './references/doctor.reference';
import { locationReference } from './references/location.reference';
import { medicalServiceReference } from './references/medical-service.reference';
import { DoctorProfileResolver } from './resolvers/doctor-profile.resolver';
import { DoctorResolver } from './resolvers/doctor.resolver';
import { LocationResolver } from './resolvers/location.resolver';
import { MedicalServiceResolver } from './resolvers/medical-service.resolver';

/**
 * The doctor subgraph's schema; its deps (the clinic's booking rules, the
 * announcer of changes, the outbox relay's nudge, the kept public lists)
 * may be omitted when only the SDL is needed.
 */
export function buildDoctorSchema(deps?: {
  defaults: BookingPolicy;
  directory: DirectoryAnnouncer;
  nudge(): void;
  listings: PublicListings;
}) {
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
