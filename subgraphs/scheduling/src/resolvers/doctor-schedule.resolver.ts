import { groupedLoader, RequestContext } from '@carebook/platform';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { doctorSchedule } from '../use-cases/availability-queries';
import { requireScheduleReader } from '../domain/schedule-access';
import { sortRules } from '../use-cases/weekly-availability';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { DoctorRef } from '../entities/federated-refs';
import { OneOffAvailability } from '../entities/one-off-availability.entity';
import { Slot } from '../entities/slot.entity';
import { TimeOff } from '../entities/time-off.entity';
import { todayIn } from '../domain/wall-clock';
import type { SchedulingDeps } from '../deps';

/** Scheduling's fields on the doctor service's Doctor. */
@Resolver(() => DoctorRef)
export class DoctorScheduleResolver {
  constructor(private readonly deps: SchedulingDeps) {}

  @FieldResolver(() => [Slot], {
    description: 'Every slot in [from, to), whatever its status. The doctor themself, the front desk or an admin.',
  })
  schedule(
    @Root() doctor: DoctorRef,
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ): Promise<Slot[]> {
    requireScheduleReader(ctx, doctor.id);
    return doctorSchedule(ctx.em, doctor.id, from, to);
  }

  @FieldResolver(() => [AvailabilityRule], {
    description: 'The weekly hours, each at a location and in its time zone.',
  })
  async weeklyAvailability(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<AvailabilityRule[]> {
    // Public, asked by every visitor of the doctor list, changed a few times a month: kept like the calendars
    // (for seconds, dropped by every change this instance commits), read-only once loaded.
    const rulesOf = (ids: readonly string[]) => {
      const sorted = [...ids].sort();
      return this.deps.context.calendarCache.get(`weekly-rules:${sorted.join(',')}`, () =>
        ctx.em.fork().find(AvailabilityRule, { doctorId: { $in: sorted } }),
      );
    };
    const rules = await groupedLoader(ctx, 'rules-by-doctor', rulesOf, (rule) => rule.doctorId).load(doctor.id);
    return sortRules([...rules]);
  }

  @FieldResolver(() => [TimeOff], {
    description:
      'Time off (and clinic closures) not over yet, soonest first. The doctor themself, the front desk or an admin.',
  })
  timeOffs(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<TimeOff[]> {
    requireScheduleReader(ctx, doctor.id);
    return ctx.em.find(
      TimeOff,
      { doctorId: doctor.id, endsAt: { $gt: new Date() } },
      { orderBy: { startsAt: 'asc' }, limit: 500 },
    );
  }

  @FieldResolver(() => [OneOffAvailability], {
    description: 'One-off days from today on, soonest first. The doctor themself, the front desk or an admin.',
  })
  oneOffAvailability(@Root() doctor: DoctorRef, @Ctx() ctx: RequestContext): Promise<OneOffAvailability[]> {
    requireScheduleReader(ctx, doctor.id);
    return ctx.em.find(
      OneOffAvailability,
      { doctorId: doctor.id, date: { $gte: todayIn(this.deps.context.zone) } },
      { orderBy: { date: 'asc', startTime: 'asc' }, limit: 500 },
    );
  }
}
