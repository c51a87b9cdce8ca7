import { DEFAULT_LOCATION_ID } from '@carebook/platform';
import { Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { LocationRef } from '../entities/federated-refs';
import { OneOffAvailability } from '../entities/one-off-availability.entity';
import { Slot } from '../entities/slot.entity';
import type { SchedulingDeps } from '../deps';

type Located = { locationId?: string | null };

/**
 * `location` and `timeZone` on everything that belongs to a location: the
 * zone is the one its times are wall-clock in (hours) or shown in (slots).
 * A slot read through a calendar row may lack its location: the default one.
 */
function locatedFields<T extends Located>(type: ClassType<T>, what: string, shareable = false) {
  // A slot's two are shareable: appointment @provides them on a refused booking's alternatives (slot.entity.ts).
  const sharedField: MethodDecorator = shareable ? Directive('@shareable') : () => undefined;

  @Resolver(() => type)
  class LocatedFieldsResolver {
    constructor(readonly deps?: SchedulingDeps) {}

    @sharedField
    @FieldResolver(() => LocationRef, { description: `Where: the location ${what} belongs to.` })
    location(@Root() row: T): LocationRef {
      return { id: row.locationId ?? DEFAULT_LOCATION_ID };
    }

    @sharedField
    @FieldResolver(() => String, {
      description: `The IANA time zone of that location: show ${what}'s times in it, naming it.`,
    })
    timeZone(@Root() row: T): Promise<string> {
      return this.deps!.context.locations.zoneOf(row.locationId);
    }
  }
  return LocatedFieldsResolver;
}

export const SlotLocationResolver = locatedFields(Slot, 'the slot', true);
export const RuleLocationResolver = locatedFields(AvailabilityRule, 'the weekly window');
export const OneOffLocationResolver = locatedFields(OneOffAvailability, 'the one-off day');
export const LOCATED_RESOLVERS = [SlotLocationResolver, RuleLocationResolver, OneOffLocationResolver];
