import type { EntityClass, EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { FieldSealer, SealedColumn } from './field-sealer';
import { KeyRotationCursor } from './key-rotation-cursor.entity';

/** An entity with sealed properties, each bound to its column label; its primary key is the string `id`. */
export interface SealedEntity<T extends { id: string }> {
  entity: EntityClass<T>;
  fields: ReadonlyArray<{ property: TextProperty<T>; column: SealedColumn }>;
}

/** The properties of T that hold text (sealed values are text), or none. */
type TextProperty<T> = { [K in keyof T]: T[K] extends string | null | undefined ? K : never }[keyof T] & string;

/**
 * Any SealedEntity, whatever its entity: the rotation reads rows by `id` and each sealed property by its name,
 * which the SealedEntity it came from checked against its entity.
 */
export interface SealedTable {
  entity: EntityClass<{ id: string }>;
  fields: ReadonlyArray<{ property: string; column: SealedColumn }>;
}

/** Declares an entity's sealed properties, checking their names against the entity (in a list of SealedTables). */
export function sealedEntity<T extends { id: string }>(definition: SealedEntity<T>): SealedEntity<T> {
  return definition;
}

export interface TableRotation {
  table: string;
  /** The primary key the run resumed after (an earlier run was interrupted), or null from the start. */
  resumedAfter: string | null;
  /** Rows read by this run. */
  rows: number;
  /** Values rewritten under the active key in the current format. */
  resealed: number;
  alreadyCurrent: number;
  /** Values someone wrote between this run's read and its update; theirs were kept. */
  changedMeanwhile: number;
  /** Values that did not open (key missing, altered, moved); left as they are and logged by row id. */
  unreadable: number;
  /** False when the run was stopped before the table's end (run again to resume). */
  finished: boolean;
}

export interface RotationOptions {
  /** A root entity manager; the run forks it per batch. */
  em: EntityManager;
  sealer: FieldSealer;
  targets: readonly SealedTable[];
  batchSize?: number;
  /** Stops the run after the batch in progress; its cursor is kept, so the next run resumes. */
  signal?: AbortSignal;
  logger?: Logger;
  /** Called after each batch once its cursor is saved. */
  onBatch?: (table: string, afterId: string) => void;
}

/** Tries per value before leaving it to the next run: each lost try means someone else wrote it meanwhile. */
const ATTEMPTS = 3;

/**
 * Re-seals every stored value of the targets under the active key and in the
 * current format. Safe beside live traffic: rows are read in batches by
 * primary key without locks, and each value is replaced by one conditional
 * update that matches the exact value read, so a value written meanwhile is
 * never overwritten (it is read again and, if still needed, re-sealed). After
 * each batch the cursor is saved, so an interrupted run resumes where it
 * stopped. Runs through the EntityManager only, on MySQL and MongoDB alike.
 */
export async function rotateSealedFields(options: RotationOptions): Promise<TableRotation[]> {
  const report: TableRotation[] = [];
  for (const target of options.targets) {
    report.push(await rotateTable(options, target));
    if (options.signal?.aborted) break;
  }
  return report;
}

async function rotateTable(options: RotationOptions, target: SealedTable): Promise<TableRotation> {
  const { em, sealer, signal } = options;
  const batchSize = options.batchSize ?? 200;
  const table = target.fields[0].column.table;
  const cursor = await em.fork().findOne(KeyRotationCursor, { id: table });
  let afterId = cursor?.keyId === sealer.activeKeyId ? cursor.afterId : '';
  const result: TableRotation = {
    table,
    resumedAfter: afterId || null,
    rows: 0,
    resealed: 0,
    alreadyCurrent: 0,
    changedMeanwhile: 0,
    unreadable: 0,
    finished: false,
  };
  const properties = target.fields.map((field) => field.property);
  for (;;) {
    if (signal?.aborted) return result;
    const rows = await em
      .fork()
      .find(
        target.entity,
        { id: { $gt: afterId } },
        { orderBy: { id: 'asc' }, limit: batchSize, fields: ['id', ...properties] as never },
      );
    for (const row of rows) {
      for (const field of target.fields) {
        const stored = sealedText(row, field.property);
        if (stored !== null) await resealValue(options, target, field, row.id, stored, result);
      }
    }
    result.rows += rows.length;
    if (rows.length < batchSize) break;
    afterId = rows[rows.length - 1].id;
    await em.fork().upsert(KeyRotationCursor, { id: table, keyId: sealer.activeKeyId, afterId, updatedAt: new Date() });
    options.onBatch?.(table, afterId);
  }
  await em.fork().nativeDelete(KeyRotationCursor, { id: table });
  result.finished = true;
  return result;
}

async function resealValue(
  options: RotationOptions,
  target: SealedTable,
  field: SealedTable['fields'][number],
  id: string,
  read: string,
  result: TableRotation,
): Promise<void> {
  let stored = read;
  let raced = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let next: string | null;
    try {
      next = options.sealer.reseal(field.column, id, stored);
    } catch (error) {
      result.unreadable += 1;
      options.logger?.warn(
        { table: field.column.table, column: field.column.column, id, problem: (error as Error).message },
        'sealed value does not open; left as it is',
      );
      break;
    }
    if (next === null) {
      if (!raced) result.alreadyCurrent += 1;
      break;
    }
    // Matches the exact value read: a write that landed since then makes this update match nothing.
    // (On MySQL the comparison follows the column's collation, which ignores letter case; a
    // concurrent write is a fresh ciphertext with a random IV, which in practice never equals
    // the value read up to case.)
    const updated = await options.em.fork().nativeUpdate(
      target.entity,
      { id, [field.property]: stored },
      {
        [field.property]: next,
      },
    );
    if (updated > 0) {
      result.resealed += 1;
      break;
    }
    raced = true;
    const latest = await options.em.fork().findOne(target.entity, { id }, { fields: [field.property] as never });
    const now = latest && sealedText(latest, field.property);
    if (now === null) break;
    stored = now;
  }
  // Someone wrote the value between our read and our update: theirs stands (re-sealed if it needed it).
  if (raced) result.changedMeanwhile += 1;
}

/** The sealed text a loaded row holds in a property, or null when it holds none (sealed columns are text). */
function sealedText(row: object, property: string): string | null {
  const value = (row as Record<string, unknown>)[property];
  return typeof value === 'string' ? value : null;
}
