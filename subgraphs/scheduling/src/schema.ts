import { buildFederatedSchema } from '@carebook/platform';
import { doctorReference } from './references/doctor.reference';
import { slotReference } from './references/slot.reference';
import { AvailabilityResolver } from './resolvers/availability.resolver';
import { DoctorScheduleResolver } from './resolvers/doctor-schedule.resolver';
import { LOCATED_RESOLVERS } from './resolvers/located-fields.resolver';
import { gatewayOnlyPubSub, ScheduleChangeResolver } from './resolvers/schedule-change.resolver';
import { ScheduleEditingResolver } from './resolvers/schedule-editing.resolver';
import type { SchedulingDeps } from './deps';
import { SlotResolver } from './resolvers/slot.resolver';
import { ProvidedDoctorNameResolver } from './resolvers/provided-doctor-name.resolver';
import { TimeOffResolver } from './resolvers/time-off.resolver';

/** The scheduling subgraph's schema; `deps` may be omitted when only the SDL is needed. */
export function buildSchedulingSchema(deps?: SchedulingDeps) {
  return buildFederatedSchema({
    resolvers: [
      AvailabilityResolver,
      ScheduleEditingResolver,
      DoctorScheduleResolver,
      SlotResolver,
      ProvidedDoctorNameResolver,
      ScheduleChangeResolver,
      TimeOffResolver,
      ...LOCATED_RESOLVERS,
    ],
    instances: deps
      ? [
          new AvailabilityResolver(deps),
          new ScheduleEditingResolver(deps),
          new DoctorScheduleResolver(deps),
          new ProvidedDoctorNameResolver(deps),
          ...LOCATED_RESOLVERS.map((resolver) => new resolver(deps)),
        ]
      : [],
    references: { ...slotReference, ...doctorReference },
    pubSub: gatewayOnlyPubSub,
  });
}
