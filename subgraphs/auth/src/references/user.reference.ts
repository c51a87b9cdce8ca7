import { entityByIdLoader, Forbidden, RequestContext, requireUser, Role } from '@carebook/platform';
import { User } from '../entities/user.entity';

/**
 * Other subgraphs refer to users by id (AdminActionLog.admin, deactivateUser's
 * result). An account's email and role are shown as `me` and `users` show
 * them: to the user themself and to admins.
 */
export const userReference = {
  User: {
    // Async, so that a refusal fails this entity only, not the whole _entities list.
    __resolveReference: async (reference: { id: string }, ctx: RequestContext) => {
      const viewer = requireUser(ctx);
      if (viewer.role !== Role.ADMIN && viewer.id !== reference.id)
        throw new Forbidden("Only admins can see another user's account.");
      return entityByIdLoader(ctx, User).load(reference.id);
    },
  },
};
