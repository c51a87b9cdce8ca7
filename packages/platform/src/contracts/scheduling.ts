import { z } from 'zod';
import { defineContract, returns, route } from './contract';
import type { SlotFacts } from './lookup-facts';

const id = (what: string) => z.string().min(1, `must be ${what}`).max(64);
const instant = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO instant like 2026-12-01T09:00:00Z' })
  .transform((value) => new Date(value));
const minutes = (min: number) =>
  z
    .number()
    .int()
    .min(min)
    .max(24 * 60);

/** Free and booked slots of one day, week (from Monday) or month of the clinic's calendar. */
export interface SlotCountBucket {
  periodStart: string;
  free: number;
  booked: number;
}

/**
 * The scheduling service's internal routes, all for the appointment service
 * (booking-contract.md). book-slot and release-slot are single conditional
 * updates with their outbox event in the same transaction.
 */
export const schedulingContract = defineContract('scheduling', {
  bookSlot: route({
    path: 'book-slot',
    callers: ['appointment'],
    input: z.object({
      slotId: id('a slot id'),
      appointmentId: id('an appointment id'),
      // The slot as the caller looked it up: lets the booking skip re-reading it (checked by the update).
      expected: z.object({ doctorId: id('a doctor id'), startsAt: instant, endsAt: instant }).optional(),
      // The time the appointment takes from this slot's start (platform's bookingSpan): all its slots are booked, or none.
      span: z.object({ endsAt: instant, heldFrom: instant, heldUntil: instant }).optional(),
    }),
    output: returns<{ slotId: string; doctorId: string; startsAt: string; endsAt: string }>(),
  }),
  releaseSlot: route({
    path: 'release-slot',
    callers: ['appointment'],
    input: z.object({
      appointmentId: id('an appointment id'),
      // Only this slot; without it, every slot the appointment holds (but those touching `keep`).
      slotId: id('a slot id').optional(),
      keep: z.object({ from: instant, until: instant }).optional(),
    }),
    output: returns<{ released: boolean }>(),
  }),
  slots: route({
    path: 'slots',
    callers: ['appointment'],
    input: z
      .object({
        ids: z.array(z.string()).max(1000).optional(),
        appointmentIds: z.array(z.string()).max(1000).optional(),
      })
      .refine((q) => q.ids || q.appointmentIds, 'give ids or appointmentIds'),
    output: returns<{ slots: SlotFacts[] }>(),
  }),
  /** `notBefore`/`notAfter`: only starts in that range (the asking patient's booking window). */
  alternatives: route({
    path: 'alternatives',
    callers: ['appointment'],
    input: z.object({
      doctorId: id('a doctor id'),
      around: instant,
      minMinutes: minutes(0).optional(),
      needs: z
        .object({
          durationMinutes: minutes(1),
          bufferBeforeMinutes: minutes(0).optional(),
          bufferAfterMinutes: minutes(0).optional(),
        })
        .optional(),
      otherDoctorIds: z.array(z.string()).max(200).optional(),
      excludeSlotIds: z.array(z.string()).max(1000).optional(),
      limit: z.number().int().min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(5),
      notBefore: instant.optional(),
      notAfter: instant.optional(),
    }),
    output: returns<{ slots: SlotFacts[] }>(),
  }),
  slotCounts: route({
    path: 'slot-counts',
    callers: ['appointment'],
    input: z.object({
      from: instant,
      to: instant,
      doctorId: z.string().optional(),
      groupBy: z.enum(['DAY', 'WEEK', 'MONTH']),
    }),
    output: returns<{ buckets: SlotCountBucket[] }>(),
  }),
});
