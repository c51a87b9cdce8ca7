import { BadUserInput, CalendarDateScalar, RequestContext, requireUser, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { loadOneOffDay, loadTimeOff, removeOneOffDay, removeTimeOff } from '../use-cases/availability-removal';
import { closeClinic } from '../use-cases/clinic-closure';
import { addAvailability } from '../use-cases/one-off-availability';
import { requireScheduleOwner } from '../domain/schedule-access';
import { takeTimeOff } from '../use-cases/time-off';
import { setWeeklyAvailability } from '../use-cases/weekly-availability';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { Slot } from '../entities/slot.entity';
import { AvailabilityRuleInput } from './inputs/availability-rule.input';
import type { SchedulingDeps } from '../deps';
import { ClosureResult, OneOffRemoval, TimeOffRemoval, TimeOffResult } from './types/time-off-result.type';
import { requireDoctor } from '../clients/doctor-directory';

/** Changes to a doctor's hours; only that doctor or an admin (whose changes are logged). */
@Resolver()
export class ScheduleEditingResolver {
  constructor(private readonly deps: SchedulingDeps) {}

  @Mutation(() => [AvailabilityRule], {
    description: "Replaces the doctor's weekly hours and opens slots for the coming weeks.",
  })
  async setWeeklyAvailability(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('rules', () => [AvailabilityRuleInput]) rules: AvailabilityRuleInput[],
  ): Promise<AvailabilityRule[]> {
    const user = requireScheduleOwner(ctx, doctorId);
    return setWeeklyAvailability(ctx.em, this.deps.context, doctorId, rules, user);
  }

  @Mutation(() => [Slot], {
    description: 'Adds hours on one day and opens their slots; answers the slots of that window.',
  })
  async addAvailability(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('date', () => CalendarDateScalar) date: string,
    @Arg('startTime', () => String) startTime: string,
    @Arg('endTime', () => String) endTime: string,
    @Arg('slotMinutes', () => Int) slotMinutes: number,
    @Arg('locationId', () => ID, {
      nullable: true,
      description: "Where; left out: the default location. date and times are in the location's zone.",
    })
    locationId?: string | null,
  ): Promise<Slot[]> {
    const user = requireScheduleOwner(ctx, doctorId);
    const window = { date, startTime, endTime, slotMinutes, locationId };
    return addAvailability(ctx.em, this.deps.context, doctorId, window, user);
  }

  @Mutation(() => TimeOffResult, {
    description:
      'Blocks the free slots in the period. Booked appointments in it refuse the time off (CONFLICT, extensions.appointments lists each: id, start, patient) unless cancelBooked is true: then they are cancelled and each patient is told, with other times offered.',
  })
  async addTimeOff(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
    @Arg('cancelBooked', () => Boolean, { nullable: true, defaultValue: false }) cancelBooked?: boolean | null,
  ): Promise<TimeOffResult> {
    const user = requireScheduleOwner(ctx, doctorId);
    await requireDoctor(this.deps.context.doctors, doctorId);
    const outcome = await takeTimeOff(ctx.em, this.deps.context, {
      doctorIds: [doctorId],
      from,
      to,
      reason,
      cancelBooked: cancelBooked === true,
      actor: { id: user.id, role: user.role },
      cause: 'TIME_OFF',
      logAs: {
        action: 'ADD_TIME_OFF',
        targetId: doctorId,
        details: { from: from.toISOString(), to: to.toISOString() },
      },
    });
    return {
      timeOff: outcome.timeOffs[0],
      blockedSlots: outcome.blockedSlots,
      cancelled: outcome.cancelledAppointmentIds.map((id) => ({ id })),
      conflicts: outcome.conflictAppointmentIds.map((id) => ({ id })),
    };
  }

  @Mutation(() => TimeOffRemoval, {
    description: 'Removes a time off: its blocked slots become bookable again (unless another time off covers them).',
  })
  async removeTimeOff(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<TimeOffRemoval> {
    requireUser(ctx);
    const timeOff = await loadTimeOff(ctx.em, id);
    const user = requireScheduleOwner(ctx, timeOff.doctorId);
    const reopenedSlots = await removeTimeOff(ctx.em, this.deps.context, timeOff, user);
    return { id, reopenedSlots };
  }

  @Mutation(() => OneOffRemoval, {
    description:
      "Removes a one-off day's hours: its free slots go (unless the weekly hours give them too); booked ones stay booked and are listed back.",
  })
  async removeAvailability(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<OneOffRemoval> {
    requireUser(ctx);
    const day = await loadOneOffDay(ctx.em, id);
    const user = requireScheduleOwner(ctx, day.doctorId);
    const outcome = await removeOneOffDay(ctx.em, this.deps.context, day, user);
    return {
      id,
      removedSlots: outcome.removedSlots,
      keptAppointments: outcome.keptAppointmentIds.map((appointmentId) => ({ id: appointmentId })),
    };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ClosureResult, {
    description:
      'Closes the clinic on whole days [from, to] (clinic time zone): a time off for every doctor, for the doctors listed, or, with locationId, for every doctor with hours at that location on those days (days in its zone; only their hours there). Booked appointments refuse it (CONFLICT listing them) unless cancelBooked is true. Admins.',
  })
  async closeClinic(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => CalendarDateScalar) from: string,
    @Arg('to', () => CalendarDateScalar) to: string,
    @Arg('doctorIds', () => [ID], { nullable: true, description: 'Leave out to close for every doctor.' })
    doctorIds?: string[] | null,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
    @Arg('cancelBooked', () => Boolean, { nullable: true, defaultValue: false }) cancelBooked?: boolean | null,
    @Arg('locationId', () => ID, { nullable: true, description: 'Close only this location (not with doctorIds).' })
    locationId?: string | null,
  ): Promise<ClosureResult> {
    const user = requireUser(ctx);
    if (locationId && doctorIds)
      throw new BadUserInput(
        'Give doctorIds or locationId, not both: a location closes for every doctor with hours there.',
        'locationId',
      );
    const scope = locationId
      ? { kind: 'LOCATION' as const, locationId }
      : doctorIds
        ? { kind: 'DOCTORS' as const, doctorIds }
        : { kind: 'ALL_DOCTORS' as const };
    const outcome = await closeClinic(ctx.em, this.deps.context, {
      scope,
      from,
      to,
      reason,
      cancelBooked: cancelBooked === true,
      actor: { id: user.id, role: user.role },
    });
    return {
      timeOffs: outcome.timeOffs,
      blockedSlots: outcome.blockedSlots,
      cancelled: outcome.cancelledAppointmentIds.map((id) => ({ id })),
      conflicts: outcome.conflictAppointmentIds.map((id) => ({ id })),
    };
  }
}
