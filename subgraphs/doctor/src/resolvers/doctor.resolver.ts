import { entityByIdLoader, Forbidden, NotFound, RequestContext, Unauthenticated } from '@carebook/platform';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { contactDetailsAccess } from '../domain/contact-details-access';
import type { PublicListings } from '../store/public-listings';
import { Doctor } from '../entities/doctor.entity';
import { MedicalService } from '../entities/medical-service.entity';
import { servicesOfDoctor } from './doctor-services.loader';

function assertMaySeeContactDetails(ctx: RequestContext, doctor: Doctor): void {
  const access = contactDetailsAccess(ctx.principal, doctor.id);
  if (access === 'SIGN_IN_FIRST')
    throw new Unauthenticated("Sign in as an admin or as this doctor to see a doctor's licence number and phone.");
  if (access === 'NOT_YOURS')
    throw new Forbidden("Only admins and the doctor themselves can see a doctor's licence number and phone.");
}

@Resolver(() => Doctor)
export class DoctorResolver {
  constructor(private readonly listings: PublicListings) {}

  @Query(() => [Doctor], {
    description: 'Active doctors by name; filter by specialty (any case) or by a service they offer. Public.',
  })
  doctors(
    @Ctx() ctx: RequestContext,
    @Arg('specialty', () => String, { nullable: true }) specialty?: string | null,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId?: string | null,
  ): Promise<Doctor[]> {
    return this.listings.doctors({ specialty, serviceId });
  }

  @Query(() => Doctor, { description: 'One doctor; NOT_FOUND when there is none with this id. Public.' })
  async doctor(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Doctor> {
    const doctor = await entityByIdLoader(ctx, Doctor).load(id);
    if (!doctor) throw new NotFound('Doctor', id);
    return doctor;
  }

  @FieldResolver(() => [MedicalService], { description: 'The active services this doctor offers, by name.' })
  services(@Root() doctor: Doctor, @Ctx() ctx: RequestContext): Promise<MedicalService[]> {
    return servicesOfDoctor(ctx, this.listings, doctor.id);
  }

  // Nullable so that a refused field does not null the whole doctor for the caller.
  @FieldResolver(() => String, { nullable: true, description: 'Admins and the doctor themselves only.' })
  licenseNumber(@Root() doctor: Doctor, @Ctx() ctx: RequestContext): string {
    assertMaySeeContactDetails(ctx, doctor);
    return doctor.licenseNumber;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Admins and the doctor themselves only.' })
  phone(@Root() doctor: Doctor, @Ctx() ctx: RequestContext): string | null {
    assertMaySeeContactDetails(ctx, doctor);
    return doctor.phone;
  }
}
