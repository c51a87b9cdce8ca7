import { RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { createDoctor, updateDoctor } from '../use-cases/doctor-onboarding';
import { adminOperation, AdminDeps } from '../deps';
import { CreateDoctorInput } from './inputs/create-doctor.input';
import { UpdateDoctorInput } from './inputs/update-doctor.input';
import { DoctorRef } from '../entities/federated-refs';

@Resolver()
export class DoctorAdminResolver {
  constructor(private readonly deps: AdminDeps) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => DoctorRef, {
    description: 'Creates a doctor who can sign in, with their profile and services. Admins only.',
  })
  createDoctor(
    @Arg('input', () => CreateDoctorInput) input: CreateDoctorInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DoctorRef> {
    return createDoctor(adminOperation(this.deps, ctx), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DoctorRef, {
    description:
      "Changes a doctor's profile, services or whether they take appointments (active: false hides them and refuses bookings at once). Admins only.",
  })
  updateDoctor(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDoctorInput) input: UpdateDoctorInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DoctorRef> {
    return updateDoctor(adminOperation(this.deps, ctx), id, { ...input });
  }
}
