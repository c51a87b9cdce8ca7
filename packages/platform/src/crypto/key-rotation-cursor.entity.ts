import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Where an interrupted key rotation stopped in one table, so the next run
 * resumes there. Services that seal fields add this entity to their store;
 * only the rotation command writes it, and it deletes the row once the table
 * is done.
 */
@Entity({ tableName: 'key_rotation_cursors' })
export class KeyRotationCursor {
  /** The table's label (of its SealedColumns); named id so that MongoDB stores it as _id. */
  @PrimaryKey({ type: 'string', length: 64 })
  id: string;

  /** The key the run was sealing under: a cursor left by a run towards another key is not resumed. */
  @Property({ type: 'string', length: 64 })
  keyId: string;

  /** Every row with a primary key up to this one has been handled. */
  @Property({ type: 'string', length: 64 })
  afterId: string;

  @Property({ type: 'datetime', length: 3 })
  updatedAt: Date;
}
