import { Unauthenticated } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { User } from '../entities/user.entity';
import type { LoginThrottle } from './login-throttle';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { IssuedSession, SessionSettings, startSession } from './sessions';
import { normaliseEmail } from './user-accounts';

const WRONG_CREDENTIALS = 'The email or password is wrong.';

export async function login(
  em: EntityManager,
  deps: { sessions: SessionSettings; throttle: LoginThrottle },
  rawEmail: string,
  password: string,
  clientIp: string,
): Promise<IssuedSession> {
  const email = normaliseEmail(rawEmail);
  await deps.throttle.assertAllowed(email, clientIp);
  const user = await em.findOne(User, { email, provisioned: true });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !matches) {
    await deps.throttle.recordFailure(email, clientIp);
    throw new Unauthenticated(WRONG_CREDENTIALS);
  }
  if (!user.active) throw new Unauthenticated('This account has been deactivated; contact the clinic.');
  await deps.throttle.recordSuccess(email);
  return startSession(em, deps.sessions, user);
}
