import { schedulingContract, serveContract } from '@carebook/platform';
import { findAlternatives } from '../use-cases/alternatives';
import { bookSlot, releaseSlots } from '../use-cases/booking';
import type { SchedulingContext } from '../deps';
import { slotCounts } from '../use-cases/slot-counts';
import { slotViews } from '../use-cases/slot-view';
import { Slot } from '../entities/slot.entity';
import { slotsByIdSql } from '../store/slot-booking-sql';

/** The handlers of the scheduling contract (platform's contracts/scheduling.ts says who calls what with which input). */
export function schedulingInternalRoutes(context: SchedulingContext) {
  return serveContract(schedulingContract, {
    bookSlot: ({ slotId, appointmentId, expected, span }, { orm }) =>
      bookSlot(orm.em.fork(), context, slotId, appointmentId, expected, span),
    releaseSlot: ({ slotId, appointmentId, keep }, { orm }) =>
      releaseSlots(orm.em.fork(), context, appointmentId, { slotId, keep }),
    async slots({ ids, appointmentIds }, { orm }) {
      const em = orm.em.fork();
      const [byId, byAppointment] = await Promise.all([
        !ids?.length
          ? Promise.resolve([])
          : context.sql
            ? slotsByIdSql(context.sql, ids)
            : em.fork().find(Slot, { id: { $in: ids } }),
        appointmentIds?.length ? em.fork().find(Slot, { appointmentId: { $in: appointmentIds } }) : Promise.resolve([]),
      ]);
      const unique = new Map([...byId, ...byAppointment].map((slot) => [slot.id, slot]));
      return {
        slots: await slotViews(
          context.locations,
          [...unique.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
        ),
      };
    },
    alternatives: async (query, { orm }) => ({
      slots: await slotViews(context.locations, await findAlternatives(orm.em.fork(), context.store, query)),
    }),
    slotCounts: (query, { orm }) => slotCounts(orm.em.fork(), context, query),
  });
}
