import { BadUserInput, Conflict, Unauthenticated } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { User } from '../entities/user.entity';
import type { AuthHooks } from './login';
import type { LoginThrottle } from '../store/login-throttle';
import { assertPasswordRules, hashPassword, verifyPassword } from './password';
import { changeAndEndSessions, SessionEndingDeps } from './session-ending';
import { IssuedSession, SessionSettings, startSession } from './sessions';

export interface PasswordChangeDeps extends SessionEndingDeps {
  sessions: SessionSettings;
  throttle: LoginThrottle;
  hooks?: AuthHooks;
}

/**
 * Changes the signed-in user's password, given the current one. Checking it
 * is a guess like a sign-in (someone holding a stolen token), so it is
 * throttled like one. Every session of the user ends, this one included;
 * the caller continues with the new session returned.
 */
export async function changePassword(
  em: EntityManager,
  deps: PasswordChangeDeps,
  userId: string,
  currentPassword: string,
  newPassword: string,
  clientIp: string,
): Promise<IssuedSession> {
  assertPasswordRules(newPassword, 'newPassword');
  if (newPassword === currentPassword)
    throw new BadUserInput('newPassword must differ from the current password.', 'newPassword');
  const user = await em.findOne(User, { id: userId, provisioned: true });
  if (!user || !user.active) throw new Unauthenticated('This account no longer exists or was deactivated.');
  const attempt = await deps.throttle.admit(user.email, clientIp);
  deps.hooks?.passwordChecked?.();
  if (!(await verifyPassword(currentPassword, user.passwordHash)))
    throw new BadUserInput('The current password is wrong.', 'currentPassword');
  await attempt.succeeded();
  const passwordHash = await hashPassword(newPassword);
  await changeAndEndSessions(em, deps, user.id, async (tx) => {
    // On the hash just checked: of two concurrent changes, the second finds it gone.
    const changed = await tx.nativeUpdate(
      User,
      { id: user.id, passwordHash: user.passwordHash },
      { passwordHash, updatedAt: new Date() },
    );
    if (!changed) throw new Conflict('The password was changed meanwhile (in another session); sign in again.');
  });
  const changed = await em.fork().findOneOrFail(User, { id: user.id });
  return startSession(em, deps.sessions, changed);
}
