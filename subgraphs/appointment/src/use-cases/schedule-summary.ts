import { Forbidden, Role } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import type { OutcomeCounter, QuarterCount } from '../store/outcome-counts';
import type { Actor, AppointmentDeps } from '../deps';
import { dateRangeInstants, PeriodKind, periodsBetween, periodStartOf } from '../domain/periods';

export interface ScheduleBucketView {
  periodStart: string;
  freeSlots: number;
  bookedSlots: number;
  completed: number;
  cancelled: number;
  noShows: number;
  utilization: number;
}

/** Admins and the front desk see any doctor or all; a doctor only themselves. */
export function summaryDoctorId(actor: Actor, doctorId?: string | null): string | null {
  if (actor.role === Role.ADMIN || actor.role === Role.STAFF) return doctorId ?? null;
  if (actor.role === Role.DOCTOR) {
    if (doctorId && doctorId !== actor.id) throw new Forbidden('A doctor can see only their own schedule summary.');
    return actor.id;
  }
  throw new Forbidden('The schedule summary is for doctors, the front desk and admins.');
}

/**
 * One bucket per DAY/WEEK/MONTH of the clinic's calendar: slot counts from
 * scheduling, closed-appointment counts from here (by startsAt).
 */
export async function scheduleSummary(
  em: EntityManager,
  deps: AppointmentDeps,
  countOutcomes: OutcomeCounter,
  query: { from: string; to: string; groupBy: PeriodKind; doctorId: string | null },
): Promise<ScheduleBucketView[]> {
  const zone = deps.timeZone;
  const { start, end } = dateRangeInstants(query.from, query.to, zone);
  const [{ buckets: slotBuckets }, outcomes] = await Promise.all([
    deps.scheduling.slotCounts({
      from: start.toISOString(),
      to: end.toISOString(),
      groupBy: query.groupBy,
      ...(query.doctorId ? { doctorId: query.doctorId } : {}),
    }),
    countOutcomes(em, { from: start, to: end, doctorId: query.doctorId }),
  ]);
  return buildBuckets(
    periodsBetween(query.from, query.to, zone, query.groupBy),
    slotBuckets,
    outcomes,
    zone,
    query.groupBy,
  );
}

/** Pure: merges the two sources into buckets; utilization = booked / (booked + free), 0 when there are no slots. */
export function buildBuckets(
  periods: string[],
  slotBuckets: Array<{ periodStart: string; free: number; booked: number }>,
  outcomes: QuarterCount[],
  zone: string,
  groupBy: PeriodKind,
): ScheduleBucketView[] {
  const buckets = new Map<string, ScheduleBucketView>(
    periods.map((p) => [
      p,
      { periodStart: p, freeSlots: 0, bookedSlots: 0, completed: 0, cancelled: 0, noShows: 0, utilization: 0 },
    ]),
  );
  for (const s of slotBuckets) {
    const bucket = buckets.get(s.periodStart);
    if (bucket) {
      bucket.freeSlots += s.free;
      bucket.bookedSlots += s.booked;
    }
  }
  for (const o of outcomes) {
    const bucket = buckets.get(periodStartOf(o.quarter * 900_000, zone, groupBy));
    if (!bucket) continue;
    if (o.status === AppointmentStatus.COMPLETED) bucket.completed += o.count;
    else if (o.status === AppointmentStatus.CANCELLED) bucket.cancelled += o.count;
    else if (o.status === AppointmentStatus.NO_SHOW) bucket.noShows += o.count;
  }
  for (const bucket of buckets.values()) {
    const total = bucket.bookedSlots + bucket.freeSlots;
    bucket.utilization = total === 0 ? 0 : bucket.bookedSlots / total;
  }
  return [...buckets.values()];
}
