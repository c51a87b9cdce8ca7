import { BadUserInput, Forbidden, Role } from '@carebook/platform';
import type { Actor } from '../deps';

interface Parties {
  patientId: string;
  doctorId: string;
}

export const isAdmin = (actor: Actor) => actor.role === Role.ADMIN;
/** Admins and the front desk (STAFF) act for every patient and see every schedule. */
export const actsForEveryPatient = (actor: Actor) => actor.role === Role.ADMIN || actor.role === Role.STAFF;
export const isPatientOf = (actor: Actor, appointment: Parties) =>
  actor.role === Role.PATIENT && actor.id === appointment.patientId;
export const isDoctorOf = (actor: Actor, appointment: Parties) =>
  actor.role === Role.DOCTOR && actor.id === appointment.doctorId;

/** Reschedule and cancel: the patient, the doctor, the front desk or an admin. */
export function assertMayChange(actor: Actor, appointment: Parties, what: string): void {
  if (actsForEveryPatient(actor) || isPatientOf(actor, appointment) || isDoctorOf(actor, appointment)) return;
  throw new Forbidden(`Only the patient, the doctor of this appointment, the front desk or an admin may ${what} it.`);
}

/** Complete and no-show: the doctor or an admin. */
export function assertMayClose(actor: Actor, appointment: Parties, what: string): void {
  if (isAdmin(actor) || isDoctorOf(actor, appointment)) return;
  throw new Forbidden(`Only the doctor of this appointment or an admin may ${what}.`);
}

/** Reading one appointment: its patient, its doctor, the front desk or an admin. */
export function mayRead(actor: Actor, appointment: Parties): boolean {
  return actsForEveryPatient(actor) || isPatientOf(actor, appointment) || isDoctorOf(actor, appointment);
}

/** Whom a booking is for: a patient books for themselves; an admin or the front desk names the patient. */
export function bookingPatientId(actor: Actor, requested: string | null | undefined): string {
  if (actor.role === Role.PATIENT) {
    if (requested && requested !== actor.id)
      throw new Forbidden('A patient can book only for themselves; leave patientId out.');
    return actor.id;
  }
  if (actsForEveryPatient(actor)) {
    if (!requested)
      throw new BadUserInput(
        'Booking for a patient needs patientId: the id of the patient (find it with findPatients).',
        'patientId',
      );
    return requested;
  }
  throw new Forbidden('Only patients (for themselves), the front desk and admins may book appointments.');
}
