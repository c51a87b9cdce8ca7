import { RequestContext, requireUser } from '@carebook/platform';
import type { Actor } from '../deps';

/** The signed-in user as the domain sees them. */
export function actorOf(ctx: RequestContext): Actor {
  const user = requireUser(ctx);
  return { id: user.id, role: user.role };
}
