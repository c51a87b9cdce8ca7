import { afterCursorFilter, decodeCursor, pageSize, RequestContext, Role, toPage } from '@carebook/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { User } from '../entities/user.entity';
import { UserConnection } from './types/user-connection.type';

@Resolver(() => User)
export class UserResolver {
  @Authorized(Role.ADMIN)
  @Query(() => UserConnection, {
    description: 'Users, newest first; filter by role or by part of the email. Admins only.',
  })
  async users(
    @Ctx() ctx: RequestContext,
    @Arg('role', () => Role, { nullable: true }) role?: Role | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<UserConnection> {
    const size = pageSize(first);
    const where: FilterQuery<User> = {
      provisioned: true,
      ...(role ? { role } : {}),
      ...(search?.trim()
        ? {
            email: {
              $like: `%${search
                .trim()
                .toLowerCase()
                .replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
            },
          }
        : {}),
      ...afterCursorFilter('createdAt', decodeCursor(after)),
    };
    const rows = await ctx.em.find(User, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 });
    return toPage(rows, size, (user) => user.createdAt);
  }
}
