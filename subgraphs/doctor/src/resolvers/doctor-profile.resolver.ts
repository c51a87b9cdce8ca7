import {
  BadUserInput,
  DirectoryAnnouncer,
  doctorChangesSchema,
  RequestContext,
  requireRole,
  Role,
} from '@carebook/platform';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { updateDoctor } from '../use-cases/doctor-editing';
import { Doctor } from '../entities/doctor.entity';
import { MyDoctorProfileInput } from './inputs/my-doctor-profile.input';

@Resolver(() => Doctor)
export class DoctorProfileResolver {
  constructor(private readonly directory: DirectoryAnnouncer) {}

  @Authorized(Role.DOCTOR)
  @Mutation(() => Doctor, {
    description:
      "A doctor changes their own bio, location and phone; the rest of the profile is the clinic's (admins: updateDoctor).",
  })
  async updateMyDoctorProfile(
    @Arg('input', () => MyDoctorProfileInput) input: MyDoctorProfileInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Doctor> {
    const user = requireRole(ctx, Role.DOCTOR);
    // The input type carries only what a doctor may change (DOCTOR_EDITABLE_FIELDS); the rules are an admin's.
    const parsed = doctorChangesSchema.safeParse({
      bio: input.bio,
      location: input.location,
      phone: input.phone,
      id: user.id,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.');
      throw new BadUserInput(
        field ? `${field} ${issue.message}` : `${issue.message}: bio, location or phone.`,
        field || undefined,
      );
    }
    const doctor = await updateDoctor(ctx.em.fork(), parsed.data);
    await this.directory.announce({ kind: 'doctor', id: doctor.id });
    return doctor;
  }
}
