import { AppError, Role } from '@carebook/platform';
import { AdminAction } from './admin-action';
import type { AdminOperation } from './admin-deps';
import { recordCompletedAction } from './action-log';
import { assertDeactivationReason, assertNotSelf, normaliseUserId } from './user-rules';

interface UserView {
  id: string;
  role: Role;
  active: boolean;
}

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
  const before = await op.services.call<UserView>('auth', 'get-user', { id: userId });
  const doctorDeactivated = before.role === Role.DOCTOR && (await deactivateDoctorProfile(op, userId));
  const user = await op.services.call<UserView>('auth', 'deactivate-user', { id: userId });
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
    await op.services.call('doctor', 'update-doctor', { id: doctorId, active: false });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

/** Changes a user's role in auth (which keeps the last admin) and logs the old and new role. */
export async function setUserRole(op: AdminOperation, rawUserId: string, role: Role): Promise<{ id: string }> {
  const userId = normaliseUserId(rawUserId);
  const before = await op.services.call<UserView>('auth', 'get-user', { id: userId });
  const after = await op.services.call<UserView>('auth', 'set-user-role', { id: userId, role });
  await recordCompletedAction(op, {
    adminId: op.adminId,
    action: AdminAction.SET_USER_ROLE,
    targetId: after.id,
    details: { oldRole: before.role, newRole: after.role },
  });
  return { id: after.id };
}
