import { AppError, Role } from '@carebook/platform';
import { AdminAction } from '../domain/admin-action';
import type { AdminOperation } from '../deps';
import { recordCompletedAction } from './action-log';
import { assertDeactivationReason, assertNotSelf, normaliseUserId } from '../domain/user-rules';

/**
 * Deactivates a user in auth (which also ends their sessions) and logs why.
 * A doctor's profile is deactivated first: they leave search and calendars
 * and bookings are refused at once; should auth then fail, the admin retries
 * (both steps may run again) and the doctor is meanwhile on the safe side.
 */
export async function deactivateUser(
  op: AdminOperation,
  rawUserId: string,
  rawReason: string,
): Promise<{ id: string }> {
  const userId = normaliseUserId(rawUserId);
  const reason = assertDeactivationReason(rawReason);
  assertNotSelf(op.adminId, userId);
  const before = await op.auth.getUser({ id: userId });
  const doctorDeactivated = before.role === Role.DOCTOR && (await deactivateDoctorProfile(op, userId));
  const user = await op.auth.deactivateUser({ id: userId });
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.DEACTIVATE_USER,
    targetId: user.id,
    details: { reason, ...(doctorDeactivated ? { doctorDeactivated } : {}) },
  });
  return { id: user.id };
}

/** False when the doctor has no profile (an account never completed): nothing to hide. */
async function deactivateDoctorProfile(op: AdminOperation, doctorId: string): Promise<boolean> {
  try {
    await op.doctor.updateDoctor({ id: doctorId, active: false });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

/** Changes a user's role in auth (which keeps the last admin) and logs the old and new role. */
export async function setUserRole(op: AdminOperation, rawUserId: string, role: Role): Promise<{ id: string }> {
  const userId = normaliseUserId(rawUserId);
  const before = await op.auth.getUser({ id: userId });
  const after = await op.auth.setUserRole({ id: userId, role });
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.SET_USER_ROLE,
    targetId: after.id,
    details: { oldRole: before.role, newRole: after.role },
  });
  return { id: after.id };
}
