import type { EntityManager } from '@mikro-orm/core';
import { Role } from '../auth/role';
import type { AdminActionFacts } from './domain-event';
import { insertEvent } from './record-event';

/** Who made a change: an admin's changes are logged, anyone else's are not. */
export interface ActingUser {
  id: string;
  role: string;
}

/**
 * Records an admin's change for the admin service's action log (DESIGN.md, Security) in the outbox, inside the
 * transaction of the change itself: the change and its log entry commit together or not at all, and the
 * entry reaches the log even when the admin service is down at the time. Does nothing for other users.
 * The caller nudges its outbox relay after the commit, as for its other events.
 */
export async function recordAdminAction(
  em: EntityManager,
  source: string,
  actor: ActingUser,
  action: string,
  targetId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  const entry = adminActionFacts(actor, action, targetId, details);
  if (entry) await insertEvent(em, source, 'ADMIN_ACTION_TAKEN', { type: 'AdminAction', id: actor.id }, entry);
}

/** The log entry of an actor's change: null unless the actor is an admin (for writers without an entity manager). */
export function adminActionFacts(
  actor: ActingUser,
  action: string,
  targetId: string,
  details?: Record<string, unknown>,
): AdminActionFacts | null {
  if (actor.role !== Role.ADMIN) return null;
  return { adminId: actor.id, action, targetId, ...(details ? { details } : {}) };
}
