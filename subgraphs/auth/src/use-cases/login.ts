import { Unauthenticated } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { User } from '../entities/user.entity';
import type { LoginThrottle } from '../store/login-throttle';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { IssuedSession, SessionSettings, startSession } from './sessions';
import { normaliseEmail } from './user-accounts';

const WRONG_CREDENTIALS = 'The email or password is wrong.';

/** Observes what auth does without changing it: tests count password checks through it. */
export interface AuthHooks {
  passwordChecked?(): void;
}

export async function login(
  em: EntityManager,
  deps: { sessions: SessionSettings; throttle: LoginThrottle; hooks?: AuthHooks },
  rawEmail: string,
  password: string,
  clientIp: string,
): Promise<IssuedSession> {
  const email = normaliseEmail(rawEmail);
  // Counted before the password is checked: parallel guesses get no more checks than the limit allows.
  const attempt = await deps.throttle.admit(email, clientIp);
  const user = await em.findOne(User, { email, provisioned: true });
  deps.hooks?.passwordChecked?.();
  const matches = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !matches) throw new Unauthenticated(WRONG_CREDENTIALS);
  await attempt.succeeded();
  if (!user.active) throw new Unauthenticated('This account has been deactivated; contact the clinic.');
  return startSession(em, deps.sessions, user);
}
