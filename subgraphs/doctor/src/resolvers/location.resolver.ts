import { DirectoryAnnouncer, entityByIdLoader, NotFound, RequestContext, requireRole, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { allLocations, createLocation, updateLocation } from '../use-cases/clinic-locations';
import { locationChangesSchema, newLocationSchema, parseLocationInput } from '../domain/location-rules';
import { Location } from '../entities/location.entity';
import { CreateLocationInput, UpdateLocationInput } from './inputs/location.input';

/** Undefined for a field left out or null, so an update changes only what it names. */
const given = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

@Resolver(() => Location)
export class LocationResolver {
  constructor(private readonly deps: { directory: DirectoryAnnouncer; nudge(): void }) {}

  @Query(() => [Location], {
    description:
      "The clinic's locations, the default first; inactive ones too with includeInactive (where past appointments were). Public.",
  })
  async locations(
    @Ctx() ctx: RequestContext,
    @Arg('includeInactive', () => Boolean, { nullable: true }) includeInactive?: boolean | null,
  ): Promise<Location[]> {
    const all = await allLocations(ctx.em);
    return includeInactive ? all : all.filter((location) => location.active);
  }

  @Query(() => Location, { description: 'One location; NOT_FOUND when there is none with this id. Public.' })
  async location(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Location> {
    const location = await entityByIdLoader(ctx, Location).load(id);
    if (!location) throw new NotFound('Location', id);
    return location;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Location, {
    description:
      'Adds a clinic location with its own IANA time zone (BAD_USER_INPUT naming timeZone when it is not one). Admins only.',
  })
  async createLocation(
    @Arg('input', () => CreateLocationInput) input: CreateLocationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Location> {
    const admin = requireRole(ctx, Role.ADMIN);
    const location = await createLocation(ctx.em.fork(), parseLocationInput(newLocationSchema, input), admin);
    await this.afterChange(location);
    return location;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Location, {
    description: 'Renames, re-addresses or (de)activates a location; its time zone is fixed once created. Admins only.',
  })
  async updateLocation(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateLocationInput) input: UpdateLocationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Location> {
    const admin = requireRole(ctx, Role.ADMIN);
    const changes = parseLocationInput(locationChangesSchema, {
      id,
      name: given(input.name),
      address: given(input.address),
      timeZone: given(input.timeZone),
      active: given(input.active),
    });
    const location = await updateLocation(ctx.em.fork(), changes, admin);
    await this.afterChange(location);
    return location;
  }

  /** Scheduling caches locations' zones: told at once; the action log's entry leaves the outbox at once. */
  private async afterChange(location: Location): Promise<void> {
    this.deps.nudge();
    await this.deps.directory.announce({ kind: 'location', id: location.id });
  }
}
