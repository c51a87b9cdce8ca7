import { createHmac, hkdfSync } from 'node:crypto';
import type { KeyRing } from './field-cipher';

/**
 * Equality search over a sealed value (a "blind index"): an HMAC of the
 * normalised plain text under a key derived from a data key, so a row can be
 * found by its phone number without storing the number in clear. The stored
 * value names its key (`<keyId>:<hex>`); a search computes one candidate per
 * configured key, so rows indexed under an older key stay findable while that
 * key is configured, as their sealed text stays readable.
 *
 * The HMAC key is derived per place (table and column), so two columns with
 * equal values get unrelated index values.
 */
export interface BlindIndex {
  /** The index value under the active key, for storing beside the sealed text. */
  of(normalised: string): string;
  /** Every value the same text may be stored as, one per configured key, for `where column in (...)`. */
  candidates(normalised: string): string[];
}

const INDEX_HEX_CHARS = 40;

export function createBlindIndex(ring: KeyRing, place: { table: string; column: string }): BlindIndex {
  const keys = new Map(
    [...ring.keys].map(([id, key]) => [
      id,
      Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `carebook blind index ${place.table}.${place.column}`, 32)),
    ]),
  );
  const indexUnder = (keyId: string, normalised: string) =>
    `${keyId}:${createHmac('sha256', keys.get(keyId)!).update(normalised, 'utf8').digest('hex').slice(0, INDEX_HEX_CHARS)}`;
  return {
    of: (normalised) => indexUnder(ring.activeKeyId, normalised),
    candidates: (normalised) => [...keys.keys()].map((keyId) => indexUnder(keyId, normalised)),
  };
}
