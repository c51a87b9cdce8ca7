import { CalendarDateScalar, RequestContext } from '@carebook/platform';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { addAvailability } from '../domain/one-off-availability';
import { logAdminChange, requireScheduleOwner } from '../domain/schedule-access';
import { addTimeOff } from '../domain/time-off';
import { setWeeklyAvailability } from '../domain/weekly-availability';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { Slot } from '../entities/slot.entity';
import { AvailabilityRuleInput } from './inputs/availability-rule.input';
import type { SchedulingDeps } from './scheduling-deps';
import { TimeOffResult } from './types/time-off-result.type';

/** Changes to a doctor's hours; only that doctor or an admin (whose changes are logged). */
@Resolver()
export class ScheduleEditingResolver {
  constructor(private readonly deps: SchedulingDeps) {}

  @Mutation(() => [AvailabilityRule], { description: "Replaces the doctor's weekly hours and opens slots for the coming weeks." })
  async setWeeklyAvailability(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('rules', () => [AvailabilityRuleInput]) rules: AvailabilityRuleInput[],
  ): Promise<AvailabilityRule[]> {
    const user = requireScheduleOwner(ctx, doctorId);
    const saved = await setWeeklyAvailability(ctx.em, this.deps.context, doctorId, rules);
    await logAdminChange(this.deps.services, ctx.logger, user, 'SET_WEEKLY_AVAILABILITY', doctorId, { rules: saved.length });
    return saved;
  }

  @Mutation(() => [Slot], { description: 'Adds hours on one day and opens their slots; answers the slots of that window.' })
  async addAvailability(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('date', () => CalendarDateScalar) date: string,
    @Arg('startTime', () => String) startTime: string,
    @Arg('endTime', () => String) endTime: string,
    @Arg('slotMinutes', () => Int) slotMinutes: number,
  ): Promise<Slot[]> {
    const user = requireScheduleOwner(ctx, doctorId);
    const slots = await addAvailability(ctx.em, this.deps.context, doctorId, { date, startTime, endTime, slotMinutes });
    await logAdminChange(this.deps.services, ctx.logger, user, 'ADD_AVAILABILITY', doctorId, { date, startTime, endTime, slotMinutes });
    return slots;
  }

  @Mutation(() => TimeOffResult, { description: 'Blocks the free slots in the period; booked ones are listed back for the staff to move.' })
  async addTimeOff(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<TimeOffResult> {
    const user = requireScheduleOwner(ctx, doctorId);
    const outcome = await addTimeOff(ctx.em, this.deps.context, doctorId, from, to, reason);
    await logAdminChange(this.deps.services, ctx.logger, user, 'ADD_TIME_OFF', doctorId, { from: from.toISOString(), to: to.toISOString() });
    return { blockedSlots: outcome.blockedSlots, conflicts: outcome.conflictAppointmentIds.map((id) => ({ id })) };
  }
}
