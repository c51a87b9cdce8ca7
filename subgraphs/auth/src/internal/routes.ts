import { authContract, Logger, NotFound, serveContract, ServiceClient } from '@carebook/platform';
import type { SessionEndingDeps } from '../use-cases/session-ending';
import {
  confirmProvisioned,
  createPendingUser,
  deactivateUser,
  discardPendingUser,
  setUserRole,
} from '../use-cases/user-accounts';
import { User } from '../entities/user.entity';

const userView = (user: User) => ({ id: user.id, email: user.email, role: user.role, active: user.active });

/** The handlers of the auth contract (platform's contracts/auth.ts says who calls what with which input). */
export function authInternalRoutes(services: ServiceClient, sessionEnding: Omit<SessionEndingDeps, 'logger'>) {
  const ending = (logger: Logger): SessionEndingDeps => ({ ...sessionEnding, logger });
  return serveContract(authContract, {
    createUser: async (input, { orm }) =>
      userView(await createPendingUser(orm.em.fork(), input.email, input.password, input.role)),
    async confirmUser({ id }, { orm }) {
      await confirmProvisioned(orm.em.fork(), id);
      return { id };
    },
    async discardUser({ id }, { orm, logger }) {
      const em = orm.em.fork();
      const user = await em.findOne(User, { id, provisioned: false });
      if (user) await discardPendingUser(em, services, user, logger);
      return { id };
    },
    deactivateUser: async ({ id }, { orm, logger }) =>
      userView(await deactivateUser(orm.em.fork(), ending(logger), id)),
    setUserRole: async ({ id, role }, { orm, logger }) =>
      userView(await setUserRole(orm.em.fork(), ending(logger), id, role)),
    async getUser({ id }, { orm }) {
      const user = await orm.em.fork().findOne(User, { id, provisioned: true });
      if (!user) throw new NotFound('User', id);
      return userView(user);
    },
  });
}
