import { RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { deactivateUser, setUserRole } from '../use-cases/user-management';
import { adminOperation, AdminDeps } from '../deps';
import { UserRef } from '../entities/federated-refs';

@Resolver()
export class UserAdminResolver {
  constructor(private readonly deps: AdminDeps) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => UserRef, {
    description:
      'Stops a user from signing in and ends their sessions; the reason is logged. Admins only, not on themselves.',
  })
  deactivateUser(
    @Arg('userId', () => ID) userId: string,
    @Arg('reason', () => String, { description: 'Why, 3 to 500 characters; kept in the admin action log.' })
    reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<UserRef> {
    return deactivateUser(adminOperation(this.deps, ctx), userId, reason);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserRef, {
    description: 'Gives a user another role; the last active admin keeps theirs. Admins only.',
  })
  setUserRole(
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => Role) role: Role,
    @Ctx() ctx: RequestContext,
  ): Promise<UserRef> {
    return setUserRole(adminOperation(this.deps, ctx), userId, role);
  }
}
