import { buildFederatedSchema } from '@carebook/platform';
import type { FeedbackDeps } from './deps';
import { DoctorRef } from './entities/federated-refs';
import { references } from './references/feedback.reference';
import { AppointmentFeedbackResolver, DoctorRatingResolver, FeedbackResolver } from './resolvers/feedback.resolver';

/** The feedback subgraph's schema; `deps` may be omitted when only the SDL is needed. */
export function buildFeedbackSchema(deps?: FeedbackDeps) {
  return buildFederatedSchema({
    resolvers: [FeedbackResolver, AppointmentFeedbackResolver, DoctorRatingResolver],
    instances: deps ? [new FeedbackResolver(deps)] : [],
    // Doctor is reached only through the fields added to it here.
    orphanedTypes: [DoctorRef],
    references,
  });
}
