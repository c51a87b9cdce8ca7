import { FieldSealer, internalRoute } from '@carebook/platform';
import { z } from 'zod';
import { appendAction } from '../domain/action-log';
import { ACTION_NAME_PATTERN } from '../domain/admin-action';

/**
 * What other services ask of admin: to log admin mutations they perform
 * themselves (scheduling's availability changes made by an admin, ...), so
 * the log covers every admin change whichever service made it.
 */
export function adminInternalRoutes(sealer: FieldSealer) {
  return {
    'record-action': internalRoute(
      ['appointment', 'billing', 'doctor', 'scheduling'],
      z.object({
        adminId: z.string().uuid("must be the acting admin's user id"),
        action: z.string().regex(ACTION_NAME_PATTERN, 'must be an upper-case action name like SET_WEEKLY_AVAILABILITY'),
        targetId: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
        details: z.record(z.unknown()).optional(),
      }),
      async (input, { orm }) => {
        const entry = await appendAction(orm.em.fork(), sealer, { ...input, adminId: input.adminId.toLowerCase() });
        return { id: entry.id };
      },
    ),
  };
}
