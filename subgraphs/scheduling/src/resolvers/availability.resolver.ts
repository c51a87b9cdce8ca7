import { CalendarDateScalar, RequestContext } from '@carebook/platform';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { availabilityCalendar, availableSlots } from '../use-cases/availability-queries';
import { isBoundByPolicy } from '../domain/booking-window';
import { Slot } from '../entities/slot.entity';
import type { SchedulingDeps } from '../deps';
import { CalendarDay } from './types/calendar-day.type';

/** Public views of free time: anyone may look for a slot; patients and anonymous callers see only starts the booking rules let them book. */
@Resolver()
export class AvailabilityResolver {
  constructor(private readonly deps: SchedulingDeps) {}

  @Query(() => [Slot], {
    description:
      "Free future slots of a doctor; with serviceId only those long enough for the service. Patients and anonymous callers see only starts the booking rules allow (the service's, else the clinic's); staff see all. None for a doctor who no longer takes appointments.",
  })
  availableSlots(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId?: string | null,
  ): Promise<Slot[]> {
    return availableSlots(ctx.em, this.deps.context, {
      doctorId,
      from,
      to,
      serviceId,
      bound: isBoundByPolicy(ctx.principal),
    });
  }

  @Query(() => [CalendarDay], {
    description:
      'For each day in [from, to] (clinic time zone), the doctors with free slots, how many and the first; for patients and anonymous callers only starts the booking rules allow.',
  })
  async availabilityCalendar(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => CalendarDateScalar) from: string,
    @Arg('to', () => CalendarDateScalar) to: string,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId?: string | null,
    @Arg('specialty', () => String, { nullable: true }) specialty?: string | null,
  ): Promise<CalendarDay[]> {
    const days = await availabilityCalendar(ctx.em, this.deps.context, {
      from,
      to,
      serviceId,
      specialty,
      bound: isBoundByPolicy(ctx.principal),
    });
    return days.map((day) => ({
      date: day.date,
      doctors: day.doctors.map((entry) => ({
        doctor: entry.doctor,
        freeSlots: entry.freeSlots,
        firstSlot: entry.firstSlot as Slot,
      })),
    }));
  }
}
