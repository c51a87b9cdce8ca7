import { providedName, RequestContext } from '@carebook/platform';
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
    return providedName(ctx, 'provided-doctor-names', 'Doctor', doctor.id, (ids) =>
      this.deps.context.doctorNames.names(ids),
    );
  }
}
