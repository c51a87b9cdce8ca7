import { afterCursorFilter, decodeCursor, FieldSealer, InternalError, pageSize, toPage } from '@carebook/platform';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminActionLog } from '../entities/admin-action-log.entity';
import { serialiseDetails } from '../domain/action-details';
import type { AdminOperation } from '../deps';
import { SEALED } from '../domain/sealed-columns';

export interface ActionEntry {
  adminId: string;
  action: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** Appends one entry, its details sealed to the row; the only write this service makes to its log (besides key rotation's re-sealing). */
export async function appendAction(
  em: EntityManager,
  sealer: FieldSealer,
  entry: ActionEntry,
): Promise<AdminActionLog> {
  const id = randomUUID();
  const details = sealer.seal(SEALED.details, id, serialiseDetails(entry.details));
  const row = em.create(AdminActionLog, {
    id,
    adminId: entry.adminId,
    action: entry.action,
    targetId: entry.targetId,
    details,
  });
  await em.flush();
  return row;
}

/**
 * Records a change that has already been made in another service. If the
 * log cannot be written the change stands, so the entry goes to the process
 * log in full (ids and facts only) and the admin is told exactly that.
 */
export async function recordCompletedAction(
  op: Pick<AdminOperation, 'em' | 'sealer' | 'logger'>,
  entry: ActionEntry,
): Promise<AdminActionLog> {
  try {
    return await appendAction(op.em, op.sealer, entry);
  } catch (error) {
    op.logger.error(
      { err: error, auditEntry: entry },
      'admin action succeeded but could not be written to the admin action log',
    );
    throw new InternalError(
      `The change was made, but it could not be recorded in the admin action log (${entry.action} ${entry.targetId}); please tell the operators.`,
    );
  }
}

/** A page of the log, newest first, by keyset on (createdAt, id). */
export async function pageOfActions(
  em: EntityManager,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const size = pageSize(first);
  const where = afterCursorFilter('createdAt', decodeCursor(after)) as FilterQuery<AdminActionLog>;
  const rows = await em.find(AdminActionLog, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 });
  return toPage(rows, size, (row) => row.createdAt);
}
