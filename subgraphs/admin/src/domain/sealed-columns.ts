import { sealedColumn, sealedEntity, SealedTable } from '@carebook/platform';
import { AdminActionLog } from '../entities/admin-action-log.entity';

/**
 * Where the admin service keeps sealed text: the details of its action log,
 * the one column holding free text (a deactivation reason, names; the other
 * columns hold ids and action names). The label is bound into every value
 * sealed there (with the row id): never rename it. Details were plain JSON
 * before; such values are read as they are until `pnpm keys:rotate` seals them.
 */
export const SEALED = {
  details: sealedColumn('admin_action_logs', 'details', { plainTextBefore: true }),
};

/** What the key rotation command re-seals. */
export const SEALED_ENTITIES: SealedTable[] = [
  sealedEntity({ entity: AdminActionLog, fields: [{ property: 'details', column: SEALED.details }] }),
];
