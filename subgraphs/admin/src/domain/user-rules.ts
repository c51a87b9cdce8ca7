import { BadUserInput } from '@carebook/platform';
import { isUUID } from 'class-validator';

export const REASON_LENGTH = { min: 3, max: 500 } as const;

/**
 * The user id in the form auth stores it. Ids compare case-insensitively in
 * MySQL, so an upper-case spelling of one's own id must not slip past the
 * self-deactivation check.
 */
export function normaliseUserId(userId: string): string {
  if (!isUUID(userId))
    throw new BadUserInput(
      `userId must be a user id (a UUID such as those in the users list); got "${userId}".`,
      'userId',
    );
  return userId.toLowerCase();
}

export function assertDeactivationReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < REASON_LENGTH.min || trimmed.length > REASON_LENGTH.max) {
    throw new BadUserInput(
      `reason must be ${REASON_LENGTH.min} to ${REASON_LENGTH.max} characters saying why the account is deactivated.`,
      'reason',
    );
  }
  return trimmed;
}

/** An admin who deactivated themselves would lose access mid-task; another admin must do it. */
export function assertNotSelf(adminId: string, userId: string): void {
  if (adminId.toLowerCase() === userId) {
    throw new BadUserInput('You cannot deactivate your own account; ask another admin to do it.', 'userId');
  }
}
