import type { EntityManager } from '@mikro-orm/core';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import type { AppointmentDeps } from '../deps';
import { heldTime, withinHeldTime } from '../domain/held-time';
import { abandonPending, confirmPending } from './pending-settlement';
import type { SlotFacts } from '@carebook/platform';
import { releaseRequest } from '../domain/slot-requests';

const BATCH = 200;

export interface ReconcileReport {
  confirmed: number;
  abandoned: number;
  released: number;
}

/**
 * Repairs what a crash or an outage between the two halves of a slot change
 * left behind, so that no CONFIRMED appointment lacks its slot and no slot is
 * held by an appointment that does not hold it:
 * - a PENDING older than the grace period is CONFIRMED if scheduling shows its
 *   slot BOOKED by it, otherwise abandoned (CANCELLED, with history);
 * - appointments whose slot check is due get every slot BOOKED or HELD for
 *   them outside their time released (the old time of a reschedule, all the
 *   slots of a cancellation).
 * Every step is conditional, so concurrent runs (several instances) are safe.
 */
export async function reconcileAppointments(
  em: EntityManager,
  deps: AppointmentDeps,
  graceSeconds: number,
  now = new Date(),
): Promise<ReconcileReport> {
  const report: ReconcileReport = { confirmed: 0, abandoned: 0, released: 0 };
  const stale = await em
    .fork()
    .find(
      Appointment,
      { status: AppointmentStatus.PENDING, createdAt: { $lt: new Date(now.getTime() - graceSeconds * 1000) } },
      { limit: BATCH },
    );
  if (stale.length) {
    const { slots } = await deps.scheduling.slots({ appointmentIds: stale.map((a) => a.id) });
    for (const appointment of stale) {
      const held = slots.some(
        (s) => s.id === appointment.slotId && s.status === 'BOOKED' && s.appointmentId === appointment.id,
      );
      if (held) {
        if (
          await confirmPending(
            em.fork(),
            deps.sealer,
            appointment,
            null,
            'confirmed by reconciliation after an interrupted booking',
          )
        )
          report.confirmed += 1;
      } else if (
        await abandonPending(
          em.fork(),
          deps.sealer,
          appointment.id,
          'The booking could not be completed; please book again.',
        )
      ) {
        report.abandoned += 1;
      }
    }
  }

  const due = await em.fork().find(Appointment, { slotCheckDueAt: { $lte: new Date() } }, { limit: BATCH });
  if (due.length) {
    const { slots } = await deps.scheduling.slots({ appointmentIds: due.map((a) => a.id) });
    for (const appointment of due) {
      const strays = slots.filter(
        (s) => s.appointmentId === appointment.id && TAKEN.includes(s.status) && !holds(appointment, s),
      );
      let allReleased = true;
      if (strays.length) {
        try {
          const keep = appointment.status === AppointmentStatus.CANCELLED ? undefined : heldTime(appointment);
          if ((await deps.scheduling.releaseSlot(releaseRequest(appointment.id, keep))).released)
            report.released += strays.length;
        } catch (error) {
          allReleased = false;
          deps.logger.warn({ err: error, appointmentId: appointment.id }, 'could not release stray slots; will retry');
        }
      }
      if (allReleased) {
        await em
          .fork()
          .nativeUpdate(
            Appointment,
            { id: appointment.id, slotCheckDueAt: appointment.slotCheckDueAt },
            { slotCheckDueAt: null },
          );
      }
    }
  }
  // Confirmations recorded APPOINTMENT_CONFIRMED events: publish them now (the relay wakes on nudges).
  if (report.confirmed) deps.nudge();
  if (report.confirmed || report.abandoned || report.released) deps.logger.info(report, 'appointments reconciled');
  return report;
}

const TAKEN: SlotFacts['status'][] = ['BOOKED', 'HELD'];

/** A live appointment holds the slots of its time (its length and buffers); a cancelled one holds none. */
function holds(appointment: Appointment, slot: SlotFacts): boolean {
  return appointment.status !== AppointmentStatus.CANCELLED && withinHeldTime(appointment, slot);
}
