import { entityByIdLoader, RequestContext } from '@carebook/platform';
import { User } from '../entities/user.entity';

/** Other subgraphs refer to users by id (AdminActionLog.admin, deactivateUser's result). */
export const userReference = {
  User: {
    __resolveReference: (reference: { id: string }, ctx: RequestContext) => entityByIdLoader(ctx, User).load(reference.id),
  },
};
