import {
  internalRoute,
  Logger,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  NotFound,
  PASSWORD_MESSAGE,
  Role,
  ServiceClient,
} from '@carebook/platform';
import { z } from 'zod';
import type { SessionEndingDeps } from '../domain/session-ending';
import {
  confirmProvisioned,
  createPendingUser,
  deactivateUser,
  discardPendingUser,
  setUserRole,
} from '../domain/user-accounts';
import { User } from '../entities/user.entity';

const userView = (user: User) => ({ id: user.id, email: user.email, role: user.role, active: user.active });
const id = z.string().uuid('must be a user id');

/**
 * What other services (admin) ask of auth. Creating a doctor's user follows
 * the same two-step provisioning as patient registration: create-user, then
 * confirm-user once the profile exists, or discard-user if it could not be made.
 */
export function authInternalRoutes(services: ServiceClient, sessionEnding: Omit<SessionEndingDeps, 'logger'>) {
  const ending = (logger: Logger): SessionEndingDeps => ({ ...sessionEnding, logger });
  return {
    'create-user': internalRoute(
      ['admin'],
      z.object({
        email: z.string().email('must be a valid email address'),
        password: z.string().min(MIN_PASSWORD_LENGTH, PASSWORD_MESSAGE).max(MAX_PASSWORD_LENGTH, PASSWORD_MESSAGE),
        role: z.literal(Role.DOCTOR),
      }),
      async (input, { orm }) =>
        userView(await createPendingUser(orm.em.fork(), input.email, input.password, input.role)),
    ),
    'confirm-user': internalRoute(['admin'], z.object({ id }), async ({ id }, { orm }) => {
      await confirmProvisioned(orm.em.fork(), id);
      return { id };
    }),
    'discard-user': internalRoute(['admin'], z.object({ id }), async ({ id }, { orm, logger }) => {
      const em = orm.em.fork();
      const user = await em.findOne(User, { id, provisioned: false });
      if (user) await discardPendingUser(em, services, user, logger);
      return { id };
    }),
    // Both end the user's sessions: their access tokens are refused everywhere within moments.
    'deactivate-user': internalRoute(['admin'], z.object({ id }), async ({ id }, { orm, logger }) =>
      userView(await deactivateUser(orm.em.fork(), ending(logger), id)),
    ),
    'set-user-role': internalRoute(
      ['admin'],
      z.object({ id, role: z.nativeEnum(Role) }),
      async ({ id, role }, { orm, logger }) => userView(await setUserRole(orm.em.fork(), ending(logger), id, role)),
    ),
    'get-user': internalRoute(['admin', 'notification'], z.object({ id }), async ({ id }, { orm }) => {
      const user = await orm.em.fork().findOne(User, { id, provisioned: true });
      if (!user) throw new NotFound('User', id);
      return userView(user);
    }),
  };
}
