import { CalendarDateScalar, RequestContext } from '@carebook/platform';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { availabilityCalendar, availableSlots } from '../domain/availability-queries';
import { Slot } from '../entities/slot.entity';
import type { SchedulingDeps } from './scheduling-deps';
import { CalendarDay } from './types/calendar-day.type';

/** Public views of free time: anyone may look for a slot. */
@Resolver()
export class AvailabilityResolver {
  constructor(private readonly deps: SchedulingDeps) {}

  @Query(() => [Slot], { description: 'Free future slots of a doctor; with serviceId only those long enough for the service.' })
  availableSlots(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId?: string | null,
  ): Promise<Slot[]> {
    return availableSlots(ctx.em, this.deps.context, doctorId, from, to, serviceId);
  }

  @Query(() => [CalendarDay], { description: 'For each day in [from, to] (clinic time zone), the doctors with free slots, how many and the first.' })
  async availabilityCalendar(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => CalendarDateScalar) from: string,
    @Arg('to', () => CalendarDateScalar) to: string,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId?: string | null,
    @Arg('specialty', () => String, { nullable: true }) specialty?: string | null,
  ): Promise<CalendarDay[]> {
    const days = await availabilityCalendar(ctx.em, this.deps.context, { from, to, serviceId, specialty });
    return days.map((day) => ({
      date: day.date,
      doctors: day.doctors.map((entry) => ({ doctor: entry.doctor, freeSlots: entry.freeSlots, firstSlot: entry.firstSlot as Slot })),
    }));
  }
}
