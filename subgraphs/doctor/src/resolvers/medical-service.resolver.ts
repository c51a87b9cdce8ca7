import { entityByIdLoader, NotFound, RequestContext, ServiceCategory } from '@carebook/platform';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { MedicalService } from '../entities/medical-service.entity';

@Resolver(() => MedicalService)
export class MedicalServiceResolver {
  @Query(() => [MedicalService], { description: 'The services on offer, by name; optionally of one category. Public.' })
  medicalServices(@Ctx() ctx: RequestContext, @Arg('category', () => ServiceCategory, { nullable: true }) category?: ServiceCategory | null): Promise<MedicalService[]> {
    return ctx.em.find(MedicalService, { active: true, ...(category ? { category } : {}) }, { orderBy: { name: 'asc' } });
  }

  @Query(() => MedicalService, { description: 'One service, offered or retired; NOT_FOUND when there is none with this id. Public.' })
  async medicalService(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MedicalService> {
    const service = await entityByIdLoader(ctx, MedicalService).load(id);
    if (!service) throw new NotFound('Medical service', id);
    return service;
  }
}
