import { Arg, ID, PubSub, Resolver, Subscription } from 'type-graphql';
import { ScheduleChange } from './types/schedule-change.type';

export const GATEWAY_ONLY =
  'scheduleChanged is served by the gateway over graphql-ws (it resolves each change through the supergraph); subscribe at the gateway, not at the scheduling service.';

/** type-graphql wants a PubSub once a subscription exists; this subgraph publishes nothing through one. */
export const gatewayOnlyPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error(GATEWAY_ONLY);
  },
};

/**
 * Declares the live-schedule subscription so that composition puts it in the
 * supergraph (and Sandbox lists it). The gateway serves it; this subgraph
 * never executes it.
 */
@Resolver(() => ScheduleChange)
export class ScheduleChangeResolver {
  @Subscription(() => ScheduleChange, {
    description:
      "Every change to the given doctor's schedule, or to every schedule without doctorId (admins). Doctors: their own only.",
    subscribe: () => {
      throw new Error(GATEWAY_ONLY);
    },
  })
  scheduleChanged(@Arg('doctorId', () => ID, { nullable: true }) _doctorId?: string | null): ScheduleChange {
    throw new Error(GATEWAY_ONLY);
  }
}
