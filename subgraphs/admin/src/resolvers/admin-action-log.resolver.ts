import { RequestContext, Role } from '@carebook/platform';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { pageOfActions } from '../use-cases/action-log';
import { SEALED } from '../domain/sealed-columns';
import { AdminActionLog } from '../entities/admin-action-log.entity';
import type { AdminDeps } from '../deps';
import { AdminActionLogConnection } from './types/admin-action-log-connection.type';
import { UserRef } from '../entities/federated-refs';

@Resolver(() => AdminActionLog)
export class AdminActionLogResolver {
  constructor(private readonly deps: AdminDeps) {}

  @Authorized(Role.ADMIN)
  @Query(() => AdminActionLogConnection, { description: 'What admins have changed, newest first. Admins only.' })
  adminActionLog(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AdminActionLogConnection> {
    return pageOfActions(ctx.em, first, after);
  }

  @FieldResolver(() => String, {
    description: 'A JSON object of non-sensitive facts about the change, such as the reason or the old and new role.',
  })
  details(@Root() entry: AdminActionLog): string {
    return this.deps.sealer.open(SEALED.details, entry.id, entry.details);
  }

  @FieldResolver(() => UserRef, { description: 'The admin who made the change.' })
  admin(@Root() entry: AdminActionLog): UserRef {
    return { id: entry.adminId };
  }
}
