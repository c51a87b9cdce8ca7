import { Logger, Role, ServiceClient } from '@carebook/platform';
import type { Actor } from './deps';

export type AdminLog = (
  actor: Actor,
  action: string,
  targetId: string,
  details?: Record<string, unknown>,
) => Promise<void>;

/**
 * Every admin mutation leaves an AdminActionLog entry (DESIGN.md, Security),
 * recorded through the admin service after the change committed. Best effort:
 * the change stands even if the log is unreachable; the failure is logged.
 */
export function adminLog(client: ServiceClient, logger: Logger): AdminLog {
  return async (actor, action, targetId, details) => {
    if (actor.role !== Role.ADMIN) return;
    await client
      .call('admin', 'record-action', { adminId: actor.id, action, targetId, details })
      .catch((error: Error) =>
        logger.warn({ err: error.message, action, targetId }, 'could not record the admin action'),
      );
  };
}
