import { BadUserInput, Conflict, recordAdminAction } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { assertMayClose } from '../domain/access';
import { factsOf, recordAppointmentEvent, recordChange } from './appointment-log';
import type { Actor, AppointmentDeps } from '../deps';
import { loadAppointment } from './load-appointment';
import { SEALED } from '../domain/sealed-columns';

export const MAX_NOTES_LENGTH = 5000;

type Outcome = AppointmentStatus.COMPLETED | AppointmentStatus.NO_SHOW;
const WORDING: Record<Outcome, { verb: string; event: 'APPOINTMENT_COMPLETED' | 'APPOINTMENT_NO_SHOW' }> = {
  [AppointmentStatus.COMPLETED]: { verb: 'complete it', event: 'APPOINTMENT_COMPLETED' },
  [AppointmentStatus.NO_SHOW]: { verb: 'mark it as a no-show', event: 'APPOINTMENT_NO_SHOW' },
};

/** Closes a confirmed appointment once it has started: COMPLETED (with the doctor's notes) or NO_SHOW. */
export async function closeAppointment(
  em: EntityManager,
  deps: AppointmentDeps,
  actor: Actor,
  id: string,
  outcome: Outcome,
  notes?: string | null,
  now = new Date(),
): Promise<Appointment> {
  const { verb, event } = WORDING[outcome];
  const before = await loadAppointment(em, id);
  assertMayClose(actor, before, verb);
  if (before.status !== AppointmentStatus.CONFIRMED)
    throw new Conflict(`Only a confirmed appointment can be closed; this one is ${before.status}.`);
  if (now.getTime() < before.startsAt.getTime()) {
    throw new BadUserInput(
      `This appointment starts at ${before.startsAt.toISOString()}; you can ${verb} once it has started.`,
      'id',
    );
  }
  const trimmed = notes?.trim() || null;
  if (trimmed && trimmed.length > MAX_NOTES_LENGTH)
    throw new BadUserInput(`notes must be at most ${MAX_NOTES_LENGTH} characters.`, 'notes');
  const after = await em.fork().transactional(async (tx) => {
    const updated = await tx.nativeUpdate(
      Appointment,
      { id, status: AppointmentStatus.CONFIRMED },
      {
        status: outcome,
        ...(outcome === AppointmentStatus.COMPLETED
          ? { completionNotes: deps.sealer.seal(SEALED.completionNotes, id, trimmed) }
          : {}),
        updatedAt: new Date(),
      },
    );
    if (updated === 0) throw new Conflict('The appointment changed meanwhile; reload it and try again.');
    const closed = await tx.findOneOrFail(Appointment, { id }, { refresh: true });
    recordChange(tx, deps.sealer, closed, { by: actor.id, from: AppointmentStatus.CONFIRMED, to: outcome });
    recordAppointmentEvent(tx, event, closed, { ...factsOf(closed), price: closed.price, currency: closed.currency });
    const action = outcome === AppointmentStatus.COMPLETED ? 'COMPLETE_APPOINTMENT' : 'MARK_NO_SHOW';
    await recordAdminAction(tx, 'appointment', actor, action, id);
    return closed;
  });
  deps.nudge();
  return after;
}
