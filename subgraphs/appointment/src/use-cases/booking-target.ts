import { AppError, BadUserInput, BookingSpan, bookingSpan, bookingWindow, NotFound } from '@carebook/platform';
import { checkBookable, MAX_ALTERNATIVES } from '../domain/booking-rules';
import type { AppointmentDeps } from '../deps';
import type { DoctorFacts, MedicalServiceFacts, SlotFacts } from '@carebook/platform';

export interface BookingTarget {
  slot: SlotFacts;
  doctor: DoctorFacts;
  service: MedicalServiceFacts;
  /** The time the booking takes from the slot's start: the service's length, over several slots if need be, and its buffers. */
  span: BookingSpan;
  /** The starts the asker may book (a patient: the service's notice and horizon); null for staff, bound by neither. */
  window: { earliest: Date; latest: Date } | null;
}

/** A free slot offered instead, with its doctor's name as the directory gave it (so the answer needs no other lookup). */
export type Alternative = SlotFacts & { doctorName?: string };

/** Who is asking for the target: a patient is bound by the service's booking rules; `field` names the slot input. */
export interface TargetAsker {
  boundByPolicy: boolean;
  field?: string;
}

/** Looks up the slot, its doctor and the service, and checks the booking rules (reads only). */
export async function bookableTarget(
  deps: AppointmentDeps,
  slotId: string,
  serviceId: string,
  asker: TargetAsker,
  now = new Date(),
): Promise<BookingTarget> {
  // A slot this process booked is known taken without asking (most requests in a rush for slots ask for one).
  const known = deps.slotMemory.taken(slotId);
  const [slot, service] = await Promise.all([
    known ?? deps.scheduling.slots({ ids: [slotId] }).then((answer) => answer.slots[0]),
    deps.doctors.medicalService(serviceId),
  ]);
  if (!slot) throw new NotFound('Slot', slotId);
  const [doctor] = await deps.doctors.doctors({ ids: [slot.doctorId] });
  checkBookable({ slot, doctor, service, now, boundByPolicy: asker.boundByPolicy, field: asker.field });
  return {
    slot,
    doctor: doctor,
    service,
    span: bookingSpan(slot, service),
    window: asker.boundByPolicy ? bookingWindow(service.bookingPolicy, now) : null,
  };
}

/**
 * Up to 5 free slots instead of the one asked for: the same doctor nearest in
 * time first, then other doctors offering the service around the same time,
 * only at starts the asker may book and where the service's whole time fits. An answer without alternatives is
 * better than none, so failures only log.
 */
export async function alternativesFor(
  deps: AppointmentDeps,
  target: BookingTarget,
  excludeSlotIds: string[],
): Promise<Alternative[]> {
  try {
    const offering = (await deps.doctors.doctors({ serviceId: target.service.id })).filter(
      (d) => d.id !== target.doctor.id,
    );
    const names = new Map([target.doctor, ...offering].map((d) => [d.id, d.name]));
    const others = offering.map((d) => d.id);
    const { slots } = await deps.scheduling.alternatives({
      doctorId: target.doctor.id,
      around: target.slot.startsAt,
      needs: {
        durationMinutes: Math.max(target.service.durationMinutes, 1),
        bufferBeforeMinutes: target.service.bufferBeforeMinutes ?? 0,
        bufferAfterMinutes: target.service.bufferAfterMinutes ?? 0,
      },
      otherDoctorIds: others,
      excludeSlotIds,
      limit: MAX_ALTERNATIVES,
      ...(target.window
        ? { notBefore: target.window.earliest.toISOString(), notAfter: target.window.latest.toISOString() }
        : {}),
    });
    return slots.map((slot) => ({ ...slot, doctorName: names.get(slot.doctorId) }));
  } catch (error) {
    deps.logger.warn({ err: error, slotId: target.slot.id }, 'could not look up alternative slots');
    return [];
  }
}

/** Scheduling refused the start because the doctor's consecutive slots end before the appointment would (span-booking.ts). */
export function isTooShort(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'CONFLICT' && error.extensions.reason === 'TOO_SHORT';
}

/** That refusal as the patient's bad input: the message names the latest end the doctor's day allows. */
export function tooShortInput(error: AppError, field: string): BadUserInput {
  return new BadUserInput(error.message, field, {
    rule: error.extensions.rule,
    latestEndAllowed: error.extensions.latestEndAllowed,
  });
}

/** Alternatives for a slot known only by id (a replayed answer): looked up loosely, no rules checked but the asker's window. */
export async function alternativesForSlot(
  deps: AppointmentDeps,
  slotId: string,
  serviceId: string,
  excludeSlotIds: string[],
  asker: TargetAsker,
): Promise<Alternative[]> {
  try {
    const [
      {
        slots: [slot],
      },
      service,
    ] = await Promise.all([deps.scheduling.slots({ ids: [slotId] }), deps.doctors.medicalService(serviceId)]);
    if (!slot) return [];
    const [doctor] = await deps.doctors.doctors({ ids: [slot.doctorId] });
    const window = asker.boundByPolicy ? bookingWindow(service.bookingPolicy, new Date()) : null;
    return doctor
      ? await alternativesFor(deps, { slot, doctor, service, span: bookingSpan(slot, service), window }, excludeSlotIds)
      : [];
  } catch {
    return [];
  }
}
