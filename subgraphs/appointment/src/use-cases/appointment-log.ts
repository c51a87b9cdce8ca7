import {
  AppointmentFacts,
  EventPayloads,
  PlaceFacts,
  EventType,
  FieldSealer,
  insertEvent,
  recordEvent,
} from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AppointmentChange } from '../entities/appointment-change.entity';
import type { Appointment } from '../entities/appointment.entity';
import type { AppointmentStatus } from '../entities/appointment-status.enum';
import { SEALED } from '../domain/sealed-columns';

export const SOURCE = 'appointment';

/** The columns an event's (or a record's) appointment facts come from. */
type FactColumns = Pick<
  Appointment,
  | 'id'
  | 'patientId'
  | 'doctorId'
  | 'serviceId'
  | 'slotId'
  | 'startsAt'
  | 'endsAt'
  | 'locationId'
  | 'locationName'
  | 'locationAddress'
  | 'timeZone'
>;

export function factsOf(appointment: FactColumns): AppointmentFacts {
  return {
    appointmentId: appointment.id,
    patientId: appointment.patientId,
    doctorId: appointment.doctorId,
    serviceId: appointment.serviceId,
    slotId: appointment.slotId,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    ...(appointment.locationId ? { place: placeOf(appointment) } : {}),
  };
}

/** The place as copied at booking (events carry it so notices show the location's zone and address). */
function placeOf(appointment: FactColumns): PlaceFacts {
  return {
    locationId: appointment.locationId!,
    locationName: appointment.locationName ?? '',
    address: appointment.locationAddress ?? '',
    timeZone: appointment.timeZone!,
  };
}

/** The columns that copy a slot's place onto the appointment (booking and every move). */
export function placeColumns(place: PlaceFacts | undefined) {
  return place
    ? {
        locationId: place.locationId,
        timeZone: place.timeZone,
        locationName: place.locationName,
        locationAddress: place.address,
      }
    : { locationId: null, timeZone: null, locationName: null, locationAddress: null };
}

/** Adds a history row to the unit of work (commit it in the same transaction as the change); its note is sealed to the row. */
export function recordChange(
  em: EntityManager,
  sealer: FieldSealer,
  appointment: Appointment,
  change: ChangeFacts,
): void {
  em.persist(changeRow(em, sealer, appointment, change));
}

/** The same history row written at once (em.insert, no unit of work): for the booking path, which writes nothing else through it. */
export async function insertChange(
  em: EntityManager,
  sealer: FieldSealer,
  appointment: Appointment,
  change: ChangeFacts,
): Promise<void> {
  await em.insert(changeRow(em, sealer, appointment, change));
}

export type ChangeFacts = {
  by: string | null;
  from: AppointmentStatus | null;
  to: AppointmentStatus;
  note?: string | null;
};

function changeRow(
  em: EntityManager,
  sealer: FieldSealer,
  appointment: Appointment,
  change: ChangeFacts,
): AppointmentChange {
  return em.create(AppointmentChange, changeValues(sealer, appointment, change), { persist: false });
}

/** A history row's values, its note sealed to the row (the entity manager's row, or the plain SQL insert's). */
export function changeValues(sealer: FieldSealer, appointment: Appointment, change: ChangeFacts) {
  const id = randomUUID();
  const note = sealer.seal(SEALED.historyNote, id, change.note ?? null);
  return {
    id,
    appointmentId: appointment.id,
    at: new Date(),
    byUserId: change.by,
    fromStatus: change.from,
    toStatus: change.to,
    note,
  };
}

/** Adds the domain event to the unit of work (transactional outbox). */
export function recordAppointmentEvent<T extends EventType>(
  em: EntityManager,
  type: T,
  appointment: Appointment,
  payload: EventPayloads[T],
): void {
  recordEvent(em, SOURCE, type, { type: 'Appointment', id: appointment.id }, payload);
}

/** The same event written at once (em.insert), beside insertChange. */
export async function insertAppointmentEvent<T extends EventType>(
  em: EntityManager,
  type: T,
  appointment: Appointment,
  payload: EventPayloads[T],
): Promise<void> {
  await insertEvent(em, SOURCE, type, { type: 'Appointment', id: appointment.id }, payload);
}
