import { ActingUser, BadUserInput, Conflict, recordAdminAction, recordEvent } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { TimeOff } from '../entities/time-off.entity';
import type { Clash, UnavailabilityCause } from '../clients/appointment-desk';
import { checkRange } from '../domain/availability-input';
import { SchedulingContext, SOURCE } from '../deps';

const TAKEN = [SlotStatus.BOOKED, SlotStatus.HELD];

export interface TimeOffRequest {
  doctorIds: string[];
  /** A location's closure: only the doctors' slots there are blocked (null: the doctors are away everywhere). */
  locationId?: string | null;
  from: Date;
  to: Date;
  reason?: string | null;
  /** False (the default): booked appointments in the period refuse the time off. True: they are cancelled and their patients told. */
  cancelBooked: boolean;
  /** Who takes the time off: the appointment service cancels on their behalf. */
  actor: ActingUser;
  cause: UnavailabilityCause;
  /** How an admin's time off is named in the admin action log (with the count of booked appointments to cancel). */
  logAs: { action: string; targetId: string; details: Record<string, unknown> };
}

export interface TimeOffOutcome {
  timeOffs: TimeOff[];
  blockedSlots: number;
  /** Appointments cancelled because of the time off (cancelBooked). */
  cancelledAppointmentIds: string[];
  /** Appointments still booked inside the time off: their cancellation failed; the staff must move them. */
  conflictAppointmentIds: string[];
}

export function checkTimeOffReason(reason?: string | null): string | null {
  const text = reason?.trim() || null;
  if (text && text.length > 500) throw new BadUserInput('reason may be at most 500 characters.', 'reason');
  return text;
}

/**
 * Records a time off for each doctor and blocks their free slots in it, in
 * one transaction. Booked appointments inside it refuse the whole request
 * (CONFLICT listing them, nothing written) unless `cancelBooked`: then the
 * time off commits first (their slots stay booked), and the appointment
 * service cancels each one, which tells its patient and gives the slot back
 * BLOCKED. The slots are read with a lock (see SlotStore.slotsForUpdate): a
 * patient booking at the same moment either got there first (and is listed
 * or cancelled) or finds the slot blocked; never a booking nobody hears of.
 */
export async function takeTimeOff(
  em: EntityManager,
  context: SchedulingContext,
  request: TimeOffRequest,
): Promise<TimeOffOutcome> {
  const { from, to, doctorIds } = request;
  checkRange(from, to);
  if (to <= new Date())
    throw new BadUserInput('The time off is entirely in the past; give a period that has not ended yet.', 'to');
  const reason = checkTimeOffReason(request.reason);
  type Written = { refused: Slot[] } | { refused: null; timeOffs: TimeOff[]; blocked: number; booked: Slot[] };
  const written = await em.transactional(async (tx): Promise<Written> => {
    const locked = await context.store.slotsForUpdate(tx, doctorIds, from, to);
    const slots = request.locationId ? locked.filter((slot) => slot.locationId === request.locationId) : locked;
    const booked = slots.filter((slot) => TAKEN.includes(slot.status) && slot.appointmentId);
    if (booked.length && !request.cancelBooked) return { refused: booked };
    const timeOffs = doctorIds.map((doctorId) =>
      tx.create(TimeOff, { doctorId, locationId: request.locationId ?? null, startsAt: from, endsAt: to, reason }),
    );
    tx.persist(timeOffs);
    const free = slots.filter((slot) => slot.status === SlotStatus.FREE);
    // Conditional on FREE still, though the lock already holds them (on MongoDB it is what detects a concurrent booking).
    if (free.length)
      await tx.nativeUpdate(
        Slot,
        { id: { $in: free.map((slot) => slot.id) }, status: SlotStatus.FREE },
        { status: SlotStatus.BLOCKED },
      );
    for (const doctorId of doctorIds) {
      const blocked = free.filter((slot) => slot.doctorId === doctorId);
      if (blocked.length === 0) continue;
      recordEvent(
        tx,
        SOURCE,
        'SLOT_BLOCKED',
        { type: 'DoctorSchedule', id: doctorId },
        {
          doctorId,
          slotIds: blocked.map((slot) => slot.id),
          from: from.toISOString(),
          to: to.toISOString(),
        },
      );
    }
    const { action, targetId, details } = request.logAs;
    await recordAdminAction(tx, SOURCE, request.actor, action, targetId, { ...details, booked: booked.length });
    return { refused: null, timeOffs, blocked: free.length, booked };
  });
  if (written.refused) throw await clashError(context, written.refused, request.cause);
  context.afterCommit();
  const bookedIds = written.booked.map((slot) => slot.appointmentId!);
  const outcome: TimeOffOutcome = {
    timeOffs: written.timeOffs,
    blockedSlots: written.blocked,
    cancelledAppointmentIds: [],
    conflictAppointmentIds: bookedIds,
  };
  if (bookedIds.length === 0) return outcome;
  try {
    const result = await context.appointments.cancel(bookedIds, request.actor, request.cause);
    const done = new Set([...result.cancelled, ...result.skipped]);
    outcome.cancelledAppointmentIds = result.cancelled;
    outcome.conflictAppointmentIds = bookedIds.filter((id) => !done.has(id));
  } catch (error) {
    // The time off stands; the appointments stay booked and are listed back for the staff to move.
    context.logger.warn(
      { err: (error as Error).message, appointments: bookedIds.length },
      'could not cancel the appointments in a time off',
    );
  }
  return outcome;
}

/** CONFLICT naming each booked appointment in the way (id, start, its location's zone, patient), and how to go on. */
async function clashError(context: SchedulingContext, booked: Slot[], cause: UnavailabilityCause): Promise<Conflict> {
  const clashes: Clash[] = await context.appointments.describe(
    booked.map((slot) => ({
      appointmentId: slot.appointmentId!,
      slotId: slot.id,
      doctorId: slot.doctorId,
      startsAt: slot.startsAt.toISOString(),
    })),
  );
  const zones = new Map(
    await Promise.all(booked.map(async (slot) => [slot.id, await context.locations.zoneOf(slot.locationId)] as const)),
  );
  const shown = clashes.slice(0, 5).map((clash) => {
    const zone = zones.get(clash.slotId) ?? context.zone;
    return `${DateTime.fromISO(clash.startsAt, { zone }).toFormat('ccc d LLL HH:mm')} ${zone}${clash.patientName ? ` (${clash.patientName})` : ''}`;
  });
  const more = clashes.length > shown.length ? ` and ${clashes.length - shown.length} more` : '';
  const what = cause === 'CLINIC_CLOSED' ? 'the closure' : 'this time off';
  return new Conflict(
    `${clashes.length === 1 ? 'One booked appointment falls' : `${clashes.length} booked appointments fall`} in ${what}: ${shown.join(', ')}${more}. ` +
      'Move them first, or ask again with cancelBooked: true to cancel them and tell each patient.',
    // Each with its zone, so a screen reads its time on its location's clock as the message does.
    {
      reason: 'BOOKED_APPOINTMENTS',
      appointments: clashes.map((clash) => ({ ...clash, timeZone: zones.get(clash.slotId) ?? context.zone })),
    },
  );
}
