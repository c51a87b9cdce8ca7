import { groupedLoader, RequestContext } from '@carebook/platform';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { doctorSchedule } from '../domain/availability-queries';
import { requireScheduleReader } from '../domain/schedule-access';
import { sortRules } from '../domain/weekly-availability';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { DoctorRef } from '../entities/doctor-ref.type';
import { Slot } from '../entities/slot.entity';

/** Scheduling's fields on the doctor service's Doctor. */
@Resolver(() => DoctorRef)
export class DoctorScheduleResolver {
  @FieldResolver(() => [Slot], { description: 'Every slot in [from, to), whatever its status. The doctor themself, the front desk or an admin.' })
  schedule(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<Slot[]> {
    requireScheduleReader(ctx, doctor.id);
    return doctorSchedule(ctx.em, doctor.id, from, to);
  }

  @FieldResolver(() => [AvailabilityRule], { description: 'The weekly hours, in the clinic time zone.' })
  async weeklyAvailability(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<AvailabilityRule[]> {
    const rules = await groupedLoader(ctx, 'rules-by-doctor', (ids) => ctx.em.find(AvailabilityRule, { doctorId: { $in: [...ids] } }), (rule) => rule.doctorId).load(doctor.id);
    return sortRules([...rules]);
  }
}
