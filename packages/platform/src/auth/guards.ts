import type { AuthChecker } from 'type-graphql';
import { Forbidden, Unauthenticated } from '../errors/app-errors';
import type { RequestContext } from '../server/request-context';
import { Role } from './role';

export interface SignedInUser {
  id: string;
  role: Role;
}

/** The signed-in user, or UNAUTHENTICATED. */
export function requireUser(ctx: RequestContext): SignedInUser {
  const principal = ctx.principal;
  if (!principal) throw new Unauthenticated();
  return { id: principal.userId, role: principal.role };
}

/** The signed-in user if they hold one of the roles; else UNAUTHENTICATED or FORBIDDEN. */
export function requireRole(ctx: RequestContext, ...roles: Role[]): SignedInUser {
  const user = requireUser(ctx);
  if (!roles.includes(user.role)) {
    throw new Forbidden(`This needs the ${roles.join(' or ')} role; you are signed in as ${user.role}.`);
  }
  return user;
}

/**
 * type-graphql's @Authorized(...roles) check. It throws rather than returning
 * false so that "not signed in" and "wrong role" reach the client with their own codes.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  if (roles.length === 0) requireUser(context);
  else requireRole(context, ...roles);
  return true;
};
