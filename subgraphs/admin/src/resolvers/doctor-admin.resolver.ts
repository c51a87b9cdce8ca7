import { RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { createDoctor } from '../domain/doctor-onboarding';
import { adminOperation, AdminDeps } from './admin-deps';
import { CreateDoctorInput } from './inputs/create-doctor.input';
import { DoctorRef } from './types/doctor-ref.type';

@Resolver()
export class DoctorAdminResolver {
  constructor(private readonly deps: AdminDeps) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => DoctorRef, { description: 'Creates a doctor who can sign in, with their profile and services. Admins only.' })
  createDoctor(@Arg('input', () => CreateDoctorInput) input: CreateDoctorInput, @Ctx() ctx: RequestContext): Promise<DoctorRef> {
    return createDoctor(adminOperation(this.deps, ctx), input);
  }
}
