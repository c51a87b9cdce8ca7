import { CalendarDateScalar, RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AppointmentDeps } from '../deps';
import { scheduleSummary, summaryDoctorId } from '../use-cases/schedule-summary';
import type { OutcomeCounter } from '../store/outcome-counts';
import { actorOf } from './actor';
import { Period, ScheduleBucket } from './types/schedule-bucket.type';

@Resolver()
export class ScheduleSummaryResolver {
  constructor(
    private readonly deps: AppointmentDeps,
    private readonly countOutcomes: OutcomeCounter,
  ) {}

  @Authorized(Role.ADMIN, Role.STAFF, Role.DOCTOR)
  @Query(() => [ScheduleBucket], {
    description:
      'Per day, week or month (clinic time zone): free and booked slots, outcomes and utilization. At most 366 days.',
  })
  scheduleSummary(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => CalendarDateScalar) from: string,
    @Arg('to', () => CalendarDateScalar) to: string,
    @Arg('groupBy', () => Period) groupBy: Period,
    @Arg('doctorId', () => ID, { nullable: true }) doctorId?: string | null,
  ) {
    const scopedDoctorId = summaryDoctorId(actorOf(ctx), doctorId);
    return scheduleSummary(ctx.em, this.deps, this.countOutcomes, { from, to, groupBy, doctorId: scopedDoctorId });
  }
}
