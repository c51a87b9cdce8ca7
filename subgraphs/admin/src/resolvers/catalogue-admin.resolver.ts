import { RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import {
  createMedicalService,
  retireMedicalService,
  setBookingPolicy,
  updateMedicalService,
} from '../use-cases/catalogue';
import { adminOperation, AdminDeps } from '../deps';
import { BookingPolicyInput } from './inputs/booking-policy.input';
import { MedicalServiceInput } from './inputs/medical-service.input';
import { UpdateMedicalServiceInput } from './inputs/update-medical-service.input';
import { MedicalServiceRef } from '../entities/federated-refs';

@Resolver()
export class CatalogueAdminResolver {
  constructor(private readonly deps: AdminDeps) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => MedicalServiceRef, { description: 'Adds a medical service to the catalogue. Admins only.' })
  createMedicalService(
    @Arg('input', () => MedicalServiceInput) input: MedicalServiceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MedicalServiceRef> {
    return createMedicalService(adminOperation(this.deps, ctx), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => MedicalServiceRef, {
    description:
      "Sets a service's own booking rules (minimum notice, horizon, cancellation window); rules left out follow the clinic defaults. Admins only.",
  })
  setBookingPolicy(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('policy', () => BookingPolicyInput) policy: BookingPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MedicalServiceRef> {
    return setBookingPolicy(adminOperation(this.deps, ctx), serviceId, policy);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => MedicalServiceRef, {
    description:
      'Changes a medical service (name, category, duration, price, currency, description); booked appointments keep their booked price. Admins only.',
  })
  updateMedicalService(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateMedicalServiceInput) input: UpdateMedicalServiceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MedicalServiceRef> {
    return updateMedicalService(adminOperation(this.deps, ctx), id, { ...input });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => MedicalServiceRef, {
    description: 'Retires a medical service: no longer offered or bookable; booked appointments stay. Admins only.',
  })
  retireMedicalService(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MedicalServiceRef> {
    return retireMedicalService(adminOperation(this.deps, ctx), id);
  }
}
