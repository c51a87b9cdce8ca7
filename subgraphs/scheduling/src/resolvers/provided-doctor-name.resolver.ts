import { loaderFor, NotFound, RequestContext } from '@carebook/platform';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SchedulingDeps } from '../deps';
import { DoctorRef } from '../entities/federated-refs';

/**
 * The doctor's name where this subgraph @provides it (Slot.doctor, and the
 * calendar's entries, which come named): a slot's answer then needs no
 * second round to the doctor service (clients/doctor-names.ts). The doctors
 * of one response are asked about together.
 */
@Resolver(() => DoctorRef)
export class ProvidedDoctorNameResolver {
  constructor(private readonly deps: SchedulingDeps) {}

  @FieldResolver(() => String)
  async name(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<string> {
    if (doctor.name) return doctor.name;
    const names = loaderFor<string, string>(ctx, 'provided-doctor-names', async (ids) => {
      const known = await this.deps.context.doctorNames.names(ids);
      return ids.map((id) => known.get(id) ?? null);
    });
    const name = await names.load(doctor.id);
    if (name === null) throw new NotFound('Doctor', doctor.id);
    return name;
  }
}
