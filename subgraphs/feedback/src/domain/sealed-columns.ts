import { sealedColumn, sealedEntity, SealedTable } from '@carebook/platform';
import { Feedback } from '../entities/feedback.entity';

/**
 * Where the feedback service keeps sealed text: the patient's comment. The
 * label is bound into every value sealed there (with the row id): never
 * rename it. Comments were plain text before; such values are read as they
 * are until `pnpm keys:rotate` seals them.
 */
export const SEALED = {
  comment: sealedColumn('feedback', 'comment', { plainTextBefore: true }),
};

/** What the key rotation command re-seals. */
export const SEALED_ENTITIES: SealedTable[] = [
  sealedEntity({ entity: Feedback, fields: [{ property: 'comment', column: SEALED.comment }] }),
];
