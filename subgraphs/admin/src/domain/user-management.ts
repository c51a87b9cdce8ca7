import type { Role } from '@carebook/platform';
import { AdminAction } from './admin-action';
import type { AdminOperation } from './admin-deps';
import { recordCompletedAction } from './action-log';
import { assertDeactivationReason, assertNotSelf, normaliseUserId } from './user-rules';

interface UserView {
  id: string;
  role: Role;
  active: boolean;
}

/** Deactivates a user in auth (which also ends their sessions) and logs why. */
export async function deactivateUser(op: AdminOperation, rawUserId: string, rawReason: string): Promise<{ id: string }> {
  const userId = normaliseUserId(rawUserId);
  const reason = assertDeactivationReason(rawReason);
  assertNotSelf(op.adminId, userId);
  const user = await op.services.call<UserView>('auth', 'deactivate-user', { id: userId });
  await recordCompletedAction(op, { adminId: op.adminId, action: AdminAction.DEACTIVATE_USER, targetId: user.id, details: { reason } });
  return { id: user.id };
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
