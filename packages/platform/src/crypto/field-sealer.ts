import { BlindIndex, createBlindIndex } from './blind-index';
import { createFieldCipher, KeyRing, looksSealed } from './field-cipher';

/**
 * Text as it is stored in a sealed column. The brand keeps plain text out of
 * such a property at compile time: only `FieldSealer.seal` makes one.
 */
export type SealedText = string & { readonly __sealed: true };

/**
 * A column (or MongoDB field) that holds sealed text. `table` and `column`
 * are labels bound into every value sealed there (with the row id), so they
 * must never change once data is stored; they are the SQL names, and the same
 * labels are used on MongoDB.
 */
export interface SealedColumn {
  readonly table: string;
  readonly column: string;
  /**
   * The column held plain text before it was sealed: such a value is read as
   * it is until the key rotation command has sealed it. Columns that were
   * sealed from the start refuse plain text.
   */
  readonly plainTextBefore: boolean;
}

export function sealedColumn(table: string, column: string, options: { plainTextBefore?: boolean } = {}): SealedColumn {
  return { table, column, plainTextBefore: options.plainTextBefore ?? false };
}

/**
 * Seals and opens the sensitive fields of a service's rows (AES-256-GCM,
 * bound to table, column and row id; the sealed text names its key, so keys
 * can rotate). Absent values stay absent: null is stored as null, not as a
 * sealed empty string, and costs no encryption.
 */
export interface FieldSealer {
  seal(column: SealedColumn, rowId: string, plain: string): SealedText;
  seal(column: SealedColumn, rowId: string, plain: string | null): SealedText | null;
  open(column: SealedColumn, rowId: string, stored: string): string;
  open(column: SealedColumn, rowId: string, stored: string | null): string | null;
  /**
   * What the key rotation command writes instead of `stored`: the same text
   * sealed under the active key in the current format, or null when `stored`
   * already is. Throws when `stored` does not open.
   */
  reseal(column: SealedColumn, rowId: string, stored: string): SealedText | null;
  /** Equality search over the column's values, keyed by the same key ring (see blind-index). */
  blindIndex(column: SealedColumn): BlindIndex;
  readonly activeKeyId: string;
}

export function createFieldSealer(ring: KeyRing): FieldSealer {
  const cipher = createFieldCipher(ring);
  const legacyPlainText = (column: SealedColumn, stored: string) => column.plainTextBefore && !looksSealed(stored);
  const open = (column: SealedColumn, rowId: string, stored: string) =>
    legacyPlainText(column, stored)
      ? stored
      : cipher.decrypt(stored, { table: column.table, column: column.column, rowId });
  const seal = (column: SealedColumn, rowId: string, plain: string) =>
    cipher.encrypt(plain, { table: column.table, column: column.column, rowId }) as SealedText;
  const indexes = new Map<string, BlindIndex>();
  return {
    activeKeyId: cipher.activeKeyId,
    seal: ((column: SealedColumn, rowId: string, plain: string | null) =>
      plain === null ? null : seal(column, rowId, plain)) as FieldSealer['seal'],
    open: ((column: SealedColumn, rowId: string, stored: string | null) =>
      stored === null ? null : open(column, rowId, stored)) as FieldSealer['open'],
    reseal(column, rowId, stored) {
      if (!legacyPlainText(column, stored) && cipher.isCurrent(stored)) {
        // Opened anyway: a current-looking value that does not open is reported, not skipped.
        open(column, rowId, stored);
        return null;
      }
      return seal(column, rowId, open(column, rowId, stored));
    },
    blindIndex(column) {
      const name = `${column.table}.${column.column}`;
      if (!indexes.has(name)) indexes.set(name, createBlindIndex(ring, column));
      return indexes.get(name)!;
    },
  };
}
