import { buildFederatedSchema } from '@carebook/platform';
import { doctorReference } from './references/doctor.reference';
import { slotReference } from './references/slot.reference';
import { AvailabilityResolver } from './resolvers/availability.resolver';
import { DoctorScheduleResolver } from './resolvers/doctor-schedule.resolver';
import { ScheduleChangesResolver } from './resolvers/schedule-changes.resolver';
import type { SchedulingDeps } from './resolvers/scheduling-deps';
import { SlotResolver } from './resolvers/slot.resolver';

/** The scheduling subgraph's schema; `deps` may be omitted when only the SDL is needed. */
export function buildSchedulingSchema(deps?: SchedulingDeps) {
  return buildFederatedSchema({
    resolvers: [AvailabilityResolver, ScheduleChangesResolver, DoctorScheduleResolver, SlotResolver],
    instances: deps ? [new AvailabilityResolver(deps), new ScheduleChangesResolver(deps)] : [],
    references: { ...slotReference, ...doctorReference },
  });
}
