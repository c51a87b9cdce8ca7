import { Conflict, FieldSealer, Gender, NotFound } from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CareRelationship, MedicalRecord, Patient } from '../entities';
import { applyProfileChanges, EMPTY_PROFILE, ProfileChanges, ProfileValues } from '../domain/profile-rules';
import { phoneLookupOf } from '../domain/phone-lookup';
import { SEALED } from '../domain/sealed-columns';

/** The profile as the patient wrote it, with the sealed fields opened. */
export function openProfile(patient: Patient, sealer: FieldSealer): ProfileValues {
  return {
    name: patient.name,
    phone: sealer.open(SEALED.phone, patient.id, patient.phoneSealed),
    dateOfBirth: sealer.open(SEALED.dateOfBirth, patient.id, patient.dateOfBirthSealed),
    gender: patient.gender,
    medicalHistory: sealer.open(SEALED.medicalHistory, patient.id, patient.medicalHistorySealed),
    notificationChannels: [...patient.notificationChannels],
  };
}

/**
 * Writes `next` into the entity, touching only what differs from `current`.
 * Sealing uses a fresh IV each time, so resealing an unchanged value would
 * give new ciphertext and make MikroORM rewrite the row for nothing.
 */
export function storeProfile(patient: Patient, current: ProfileValues, next: ProfileValues, sealer: FieldSealer): void {
  if (next.name !== current.name) patient.name = next.name;
  if (next.phone !== current.phone) {
    patient.phoneSealed = sealer.seal(SEALED.phone, patient.id, next.phone);
    patient.phoneLookup = phoneLookupOf(sealer, next.phone);
  }
  if (next.dateOfBirth !== current.dateOfBirth)
    patient.dateOfBirthSealed = sealer.seal(SEALED.dateOfBirth, patient.id, next.dateOfBirth);
  if (next.gender !== current.gender) patient.gender = next.gender;
  if (next.medicalHistory !== current.medicalHistory)
    patient.medicalHistorySealed = sealer.seal(SEALED.medicalHistory, patient.id, next.medicalHistory);
  if (next.notificationChannels.join() !== current.notificationChannels.join())
    patient.notificationChannels = next.notificationChannels;
}

export interface ProvisionRequest {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  dateOfBirth: string | null;
  gender: Gender | null;
}

/**
 * Creates the profile of a newly registered patient, or, if it exists (auth
 * retried), sets it to the given values: calling it twice is harmless.
 */
export async function provisionPatient(
  em: EntityManager,
  sealer: FieldSealer,
  request: ProvisionRequest,
  today = new Date(),
  retried = false,
): Promise<Patient> {
  const changes: ProfileChanges = {
    name: request.name,
    phone: request.phone,
    dateOfBirth: request.dateOfBirth,
    gender: request.gender,
  };
  const existing = await em.findOne(Patient, { id: request.id });
  if (existing) {
    const current = openProfile(existing, sealer);
    storeProfile(existing, current, applyProfileChanges(current, changes, today), sealer);
    existing.email = request.email;
    await em.flush();
    return existing;
  }
  const blank: ProfileValues = { ...EMPTY_PROFILE, name: '' };
  const next = applyProfileChanges(blank, changes, today);
  const patient = em.create(Patient, { id: request.id, email: request.email, name: next.name });
  storeProfile(patient, { ...blank, name: next.name }, next, sealer);
  try {
    await em.flush();
  } catch (error) {
    if (retried || !(error instanceof UniqueConstraintViolationException)) throw error;
    // A concurrent call for the same id inserted first: apply this one as an update.
    em.clear();
    return provisionPatient(em, sealer, request, today, true);
  }
  return patient;
}

/** The signed-in patient's own profile changed; NOT_FOUND if they have none. */
export async function updateProfile(
  em: EntityManager,
  sealer: FieldSealer,
  patientId: string,
  changes: ProfileChanges,
): Promise<Patient> {
  const patient = await em.findOne(Patient, { id: patientId });
  if (!patient) throw new NotFound('Your patient profile');
  const current = openProfile(patient, sealer);
  storeProfile(patient, current, applyProfileChanges(current, changes), sealer);
  await em.flush();
  return patient;
}

/**
 * Undoes a half-made registration: removes the profile and its care
 * relationships; a no-op when there is none. A profile with medical records
 * is past registration, and records are never dropped by an undo.
 */
export async function discardPatient(em: EntityManager, patientId: string): Promise<void> {
  await em.transactional(async (tx) => {
    if (await tx.count(MedicalRecord, { patientId })) {
      throw new Conflict(
        'This patient already has medical records, so the profile is kept; it is not a half-made registration.',
      );
    }
    await tx.nativeDelete(CareRelationship, { patientId });
    await tx.nativeDelete(Patient, { id: patientId });
  });
}
