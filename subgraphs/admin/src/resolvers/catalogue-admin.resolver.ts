import { RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { createMedicalService } from '../domain/catalogue';
import { adminOperation, AdminDeps } from './admin-deps';
import { MedicalServiceInput } from './inputs/medical-service.input';
import { MedicalServiceRef } from './types/medical-service-ref.type';

@Resolver()
export class CatalogueAdminResolver {
  constructor(private readonly deps: AdminDeps) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => MedicalServiceRef, { description: 'Adds a medical service to the catalogue. Admins only.' })
  createMedicalService(@Arg('input', () => MedicalServiceInput) input: MedicalServiceInput, @Ctx() ctx: RequestContext): Promise<MedicalServiceRef> {
    return createMedicalService(adminOperation(this.deps, ctx), input);
  }
}
