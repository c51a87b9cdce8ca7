import { Role } from '@carebook/platform';
import { AdminAction } from '../domain/admin-action';
import type { AdminOperation } from '../deps';
import { recordCompletedAction } from './action-log';

export interface NewDoctor {
  email: string;
  password: string;
  name: string;
  specialty: string;
  licenseNumber: string;
  phone?: string | null;
  bio?: string | null;
  location?: string | null;
  serviceIds?: string[] | null;
}

const trimmedOrNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/**
 * Creates a doctor across auth and doctor without a distributed transaction,
 * the way registration does for patients: auth makes the user unable to sign
 * in, doctor makes the profile, and only then is the user confirmed. Any
 * failure after the user exists discards it (auth asks doctor to drop a
 * half-made profile), so no doctor is left half made; if even that cannot
 * run, the user stays unable to sign in and auth's reconciler removes it.
 */
export async function createDoctor(op: AdminOperation, input: NewDoctor): Promise<{ id: string }> {
  const user = await op.auth.createUser({
    email: input.email.trim(),
    password: input.password,
    role: Role.DOCTOR,
  });
  const profile = {
    id: user.id,
    name: input.name.trim(),
    specialty: input.specialty.trim(),
    licenseNumber: input.licenseNumber.trim(),
    phone: trimmedOrNull(input.phone),
    bio: trimmedOrNull(input.bio),
    location: trimmedOrNull(input.location),
    serviceIds: [...new Set(input.serviceIds ?? [])],
  };
  try {
    await op.doctor.provisionDoctor(profile);
    // Inside the try: discard-user only removes unconfirmed users, so it is harmless if the confirmation did land.
    await op.auth.confirmUser({ id: user.id });
  } catch (error) {
    await op.auth.discardUser({ id: user.id }).catch((discardError: unknown) => {
      op.logger.warn(
        { err: discardError, userId: user.id },
        "could not discard a half-made doctor user; auth's reconciler will remove it",
      );
    });
    throw error;
  }
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.CREATE_DOCTOR,
    targetId: user.id,
    details: { name: profile.name, specialty: profile.specialty, serviceIds: profile.serviceIds },
  });
  return { id: user.id };
}

export interface DoctorChanges {
  name?: string | null;
  specialty?: string | null;
  licenseNumber?: string | null;
  phone?: string | null;
  bio?: string | null;
  location?: string | null;
  serviceIds?: string[] | null;
  active?: boolean | null;
}

/**
 * Changes a doctor's profile, services or whether they take appointments
 * (the doctor service checks and applies it; `active: false` hides them and
 * refuses new bookings at once) and logs which fields changed: the values
 * may be contact details, which the log does not hold.
 */
export async function updateDoctor(
  op: AdminOperation,
  doctorId: string,
  changes: DoctorChanges,
): Promise<{ id: string }> {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const updated = await op.doctor.updateDoctor({
    id: doctorId,
    ...defined,
  });
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.UPDATE_DOCTOR,
    targetId: updated.id,
    details: { fields: Object.keys(defined), active: updated.active },
  });
  return { id: updated.id };
}
