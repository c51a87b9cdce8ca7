import { internalRoute } from '@carebook/platform';
import { z } from 'zod';
import { findAlternatives } from '../domain/alternatives';
import { bookSlot, releaseSlot } from '../domain/booking';
import type { SchedulingContext } from '../domain/scheduling-context';
import { slotCounts } from '../domain/slot-counts';
import { slotView } from '../domain/slot-view';
import { Slot } from '../entities/slot.entity';

const id = (what: string) => z.string().min(1, `must be ${what}`).max(64);
const instant = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO instant like 2026-12-01T09:00:00Z' })
  .transform((value) => new Date(value));

/**
 * What the appointment service asks of scheduling (booking-contract.md).
 * book-slot and release-slot are single conditional updates with their
 * outbox event in the same transaction.
 */
export function schedulingInternalRoutes(context: SchedulingContext) {
  return {
    'book-slot': internalRoute(
      ['appointment'],
      z.object({
        slotId: id('a slot id'),
        appointmentId: id('an appointment id'),
        // The slot as the caller looked it up: lets the booking skip re-reading it (checked by the update).
        expected: z.object({ doctorId: id('a doctor id'), startsAt: instant, endsAt: instant }).optional(),
      }),
      ({ slotId, appointmentId, expected }, { orm }) => bookSlot(orm.em.fork(), context, slotId, appointmentId, expected),
    ),
    'release-slot': internalRoute(['appointment'], z.object({ slotId: id('a slot id'), appointmentId: id('an appointment id') }), ({ slotId, appointmentId }, { orm }) =>
      releaseSlot(orm.em.fork(), context, slotId, appointmentId),
    ),
    slots: internalRoute(
      ['appointment'],
      z
        .object({ ids: z.array(z.string()).max(1000).optional(), appointmentIds: z.array(z.string()).max(1000).optional() })
        .refine((q) => q.ids || q.appointmentIds, 'give ids or appointmentIds'),
      async ({ ids, appointmentIds }, { orm }) => {
        const em = orm.em.fork();
        const [byId, byAppointment] = await Promise.all([
          ids?.length ? em.fork().find(Slot, { id: { $in: ids } }) : Promise.resolve([]),
          appointmentIds?.length ? em.fork().find(Slot, { appointmentId: { $in: appointmentIds } }) : Promise.resolve([]),
        ]);
        const unique = new Map([...byId, ...byAppointment].map((slot) => [slot.id, slot]));
        return { slots: [...unique.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map(slotView) };
      },
    ),
    alternatives: internalRoute(
      ['appointment'],
      z.object({
        doctorId: id('a doctor id'),
        around: instant,
        minMinutes: z.number().int().min(0).max(24 * 60).optional(),
        otherDoctorIds: z.array(z.string()).max(200).optional(),
        excludeSlotIds: z.array(z.string()).max(1000).optional(),
        limit: z.number().int().min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(5),
        notBefore: instant.optional(),
        notAfter: instant.optional(),
      }),
      async (query, { orm }) => ({ slots: (await findAlternatives(orm.em.fork(), query)).map(slotView) }),
    ),
    'slot-counts': internalRoute(
      ['appointment'],
      z.object({ from: instant, to: instant, doctorId: z.string().optional(), groupBy: z.enum(['DAY', 'WEEK', 'MONTH']) }),
      (query, { orm }) => slotCounts(orm.em.fork(), context, query),
    ),
  };
}
