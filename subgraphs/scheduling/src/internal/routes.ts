import { internalRoute } from '@carebook/platform';
import { z } from 'zod';
import { findAlternatives } from '../domain/alternatives';
import { bookSlot, releaseSlots } from '../domain/booking';
import type { SchedulingContext } from '../domain/scheduling-context';
import { slotCounts } from '../domain/slot-counts';
import { slotViews } from '../domain/slot-view';
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
        // The time the appointment takes from this slot's start (platform's bookingSpan): all its slots are booked, or none.
        span: z.object({ endsAt: instant, heldFrom: instant, heldUntil: instant }).optional(),
      }),
      ({ slotId, appointmentId, expected, span }, { orm }) =>
        bookSlot(orm.em.fork(), context, slotId, appointmentId, expected, span),
    ),
    'release-slot': internalRoute(
      ['appointment'],
      z.object({
        appointmentId: id('an appointment id'),
        // Only this slot; without it, every slot the appointment holds (but those touching `keep`).
        slotId: id('a slot id').optional(),
        keep: z.object({ from: instant, until: instant }).optional(),
      }),
      ({ slotId, appointmentId, keep }, { orm }) =>
        releaseSlots(orm.em.fork(), context, appointmentId, { slotId, keep }),
    ),
    slots: internalRoute(
      ['appointment'],
      z
        .object({
          ids: z.array(z.string()).max(1000).optional(),
          appointmentIds: z.array(z.string()).max(1000).optional(),
        })
        .refine((q) => q.ids || q.appointmentIds, 'give ids or appointmentIds'),
      async ({ ids, appointmentIds }, { orm }) => {
        const em = orm.em.fork();
        const [byId, byAppointment] = await Promise.all([
          ids?.length ? em.fork().find(Slot, { id: { $in: ids } }) : Promise.resolve([]),
          appointmentIds?.length
            ? em.fork().find(Slot, { appointmentId: { $in: appointmentIds } })
            : Promise.resolve([]),
        ]);
        const unique = new Map([...byId, ...byAppointment].map((slot) => [slot.id, slot]));
        return {
          slots: await slotViews(
            context.locations,
            [...unique.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
          ),
        };
      },
    ),
    alternatives: internalRoute(
      ['appointment'],
      z.object({
        doctorId: id('a doctor id'),
        around: instant,
        minMinutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60)
          .optional(),
        needs: z
          .object({
            durationMinutes: z
              .number()
              .int()
              .min(1)
              .max(24 * 60),
            bufferBeforeMinutes: z
              .number()
              .int()
              .min(0)
              .max(24 * 60)
              .optional(),
            bufferAfterMinutes: z
              .number()
              .int()
              .min(0)
              .max(24 * 60)
              .optional(),
          })
          .optional(),
        otherDoctorIds: z.array(z.string()).max(200).optional(),
        excludeSlotIds: z.array(z.string()).max(1000).optional(),
        limit: z.number().int().min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(5),
        notBefore: instant.optional(),
        notAfter: instant.optional(),
      }),
      async (query, { orm }) => ({
        slots: await slotViews(context.locations, await findAlternatives(orm.em.fork(), context.store, query)),
      }),
    ),
    'slot-counts': internalRoute(
      ['appointment'],
      z.object({
        from: instant,
        to: instant,
        doctorId: z.string().optional(),
        groupBy: z.enum(['DAY', 'WEEK', 'MONTH']),
      }),
      (query, { orm }) => slotCounts(orm.em.fork(), context, query),
    ),
  };
}
