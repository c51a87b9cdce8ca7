import { BadUserInput } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { foldIntoPeriods, Period } from '../domain/periods';
import type { SchedulingContext } from '../deps';

const MAX_COUNT_DAYS = 400;

/** Free and booked slots per day, week (from Monday) or month of the clinic's calendar; one aggregated query. */
export async function slotCounts(
  em: EntityManager,
  context: SchedulingContext,
  query: { from: Date; to: Date; doctorId?: string; groupBy: Period },
) {
  if (query.to <= query.from) throw new BadUserInput('to must be after from.', 'to');
  if (query.to.getTime() - query.from.getTime() > MAX_COUNT_DAYS * 24 * 3600 * 1000)
    throw new BadUserInput(`The range may span at most ${MAX_COUNT_DAYS} days.`, 'to');
  const days = await context.store.dailyCounts(em, {
    from: query.from,
    to: query.to,
    zone: context.zone,
    doctorId: query.doctorId,
  });
  return { buckets: foldIntoPeriods(days, query.groupBy) };
}
