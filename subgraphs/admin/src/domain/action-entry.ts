import type { DomainEvent } from '@carebook/platform';
import { z } from 'zod';
import type { ActionEntry } from '../use-cases/action-log';
import { ACTION_NAME_PATTERN } from './admin-action';

const adminActionFacts = z.object({
  adminId: z.string().uuid(),
  action: z.string().regex(ACTION_NAME_PATTERN),
  targetId: z.string().min(1).max(64),
  details: z.record(z.unknown()).optional(),
});

/** The log entry an ADMIN_ACTION_TAKEN event asks for, or null when the event is not one (or is malformed). */
export function actionEntryOf(event: DomainEvent): ActionEntry | null {
  if (event?.type !== 'ADMIN_ACTION_TAKEN') return null;
  const facts = adminActionFacts.safeParse(event.payload);
  if (!facts.success) return null;
  return { ...facts.data, adminId: facts.data.adminId.toLowerCase() };
}
