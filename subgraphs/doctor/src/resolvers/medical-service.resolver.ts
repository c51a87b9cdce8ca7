import { BookingPolicy, entityByIdLoader, NotFound, RequestContext, ServiceCategory } from '@carebook/platform';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { bookingPolicyOf, ownRulesOf } from '../use-cases/booking-policies';
import type { PublicListings } from '../store/public-listings';
import { MedicalService } from '../entities/medical-service.entity';
import { BookingPolicyType } from './types/booking-policy.type';

@Resolver(() => MedicalService)
export class MedicalServiceResolver {
  /** `defaults`: the clinic's booking rules (BOOKING_MIN_NOTICE, BOOKING_HORIZON, CANCELLATION_WINDOW). */
  constructor(
    private readonly defaults: BookingPolicy,
    private readonly listings: PublicListings,
  ) {}

  @Query(() => [MedicalService], { description: 'The services on offer, by name; optionally of one category. Public.' })
  medicalServices(
    @Arg('category', () => ServiceCategory, { nullable: true }) category?: ServiceCategory | null,
  ): Promise<MedicalService[]> {
    return this.listings.medicalServices(category ?? null);
  }

  @Query(() => MedicalService, {
    description: 'One service, offered or retired; NOT_FOUND when there is none with this id. Public.',
  })
  async medicalService(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MedicalService> {
    const service = await entityByIdLoader(ctx, MedicalService).load(id);
    if (!service) throw new NotFound('Medical service', id);
    return service;
  }

  @FieldResolver(() => BookingPolicyType, {
    description:
      'The booking rules patients meet for this service. Public: patients read the cancellation terms before booking.',
  })
  bookingPolicy(@Root() service: MedicalService): BookingPolicyType {
    return { ...bookingPolicyOf(service, this.defaults), ownRules: ownRulesOf(service) };
  }
}
