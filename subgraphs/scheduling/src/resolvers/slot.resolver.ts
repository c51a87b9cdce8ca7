import { NotFound, RequestContext, requireUser } from '@carebook/platform';
import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireScheduleReader } from '../domain/schedule-access';
import { DoctorRef } from '../entities/federated-refs';
import { Slot } from '../entities/slot.entity';

@Resolver(() => Slot)
export class SlotResolver {
  /**
   * One slot whatever its status (the gateway reads live changes through it): the slot's doctor, the front desk or an admin.
   * Nullable so that a refusal here leaves the other root fields of the same query standing.
   */
  @Query(() => Slot, {
    nullable: true,
    description: "One slot, whatever its status: the slot's doctor, the front desk or an admin.",
  })
  async slot(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Slot | null> {
    requireUser(ctx);
    const slot = await ctx.em.findOne(Slot, { id });
    if (!slot) throw new NotFound('Slot', id);
    requireScheduleReader(ctx, slot.doctorId);
    return slot;
  }

  @Directive('@shareable') // appointment @provides it on a refused booking's alternatives (slot.entity.ts)
  // Named here (provided-doctor-name.resolver.ts): a live change or a schedule needs no second round for the names.
  @Directive('@provides(fields: "name")')
  @FieldResolver(() => DoctorRef)
  doctor(@Root() slot: Slot): DoctorRef {
    return { id: slot.doctorId };
  }
}
