import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for sensitive fields at rest. A stored value reads
 * `v2:<keyId>:<iv>:<tag>:<ciphertext>` (base64), so the key that sealed it is
 * known and keys can rotate: new writes use the active key, old values stay
 * readable while their key is still configured.
 *
 * v2 binds each value to where it belongs: the associated data names the
 * table, column and row id, so a value copied into another row or column
 * fails to open (GCM authenticates the associated data with the ciphertext).
 * v1 values (written before v2, bound to their key id only) are still read;
 * the key rotation command rewrites them as v2.
 */
export interface FieldCipher {
  /** The id of the key new values are sealed with. */
  readonly activeKeyId: string;
  encrypt(plain: string, place: SealedPlace): string;
  /** Throws when the value was sealed for another place, under a key that is not configured, or was altered. */
  decrypt(sealed: string, place: SealedPlace): string;
  /** True when the value is in the current format under the active key (nothing for the rotation command to do). */
  isCurrent(sealed: string): boolean;
}

/** Where a sealed value belongs: the associated data of its seal. */
export interface SealedPlace {
  table: string;
  column: string;
  rowId: string;
}

export interface KeyRing {
  activeKeyId: string;
  keys: Map<string, Buffer>;
}

/**
 * Parses `DATA_ENCRYPTION_KEYS` ("id1:base64key,id2:base64key", each key 32
 * bytes) and the active key id.
 */
export function parseKeyRing(keysSpec: string, activeKeyId?: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const entry of keysSpec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    if (separator <= 0) throw new Error('DATA_ENCRYPTION_KEYS entries must read <keyId>:<base64 32-byte key>');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32)
      throw new Error(`DATA_ENCRYPTION_KEYS key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error('DATA_ENCRYPTION_KEYS holds no key');
  const active = activeKeyId ?? [...keys.keys()].at(-1)!;
  if (!keys.has(active)) throw new Error(`DATA_ENCRYPTION_KEY_ID "${active}" is not among DATA_ENCRYPTION_KEYS`);
  return { activeKeyId: active, keys };
}

const CURRENT_VERSION = 'v2';
const IV_BYTES = 12;
/** The full GCM tag, pinned: a shorter tag passed to setAuthTag would otherwise be accepted and weaken the check. */
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** True when the text has the shape of a sealed value (any version); plain text written before sealing does not. */
export function looksSealed(value: string): boolean {
  const parts = value.split(':');
  return (
    parts.length === 5 &&
    (parts[0] === 'v1' || parts[0] === 'v2') &&
    parts[1] !== '' &&
    parts.slice(2).every((part) => BASE64.test(part))
  );
}

function associatedData(version: string, keyId: string, place: SealedPlace): Buffer {
  // v1 bound the key id only; v2 adds the place. JSON keeps the parts unambiguous whatever they contain.
  return Buffer.from(
    version === 'v1' ? keyId : JSON.stringify([version, keyId, place.table, place.column, place.rowId]),
    'utf8',
  );
}

function placeName(place: SealedPlace): string {
  return `${place.table}.${place.column} of row ${place.rowId}`;
}

export function createFieldCipher(ring: KeyRing): FieldCipher {
  const activeKey = ring.keys.get(ring.activeKeyId)!;
  return {
    activeKeyId: ring.activeKeyId,
    encrypt(plain, place) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', activeKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(CURRENT_VERSION, ring.activeKeyId, place));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        CURRENT_VERSION,
        ring.activeKeyId,
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        ciphertext.toString('base64'),
      ].join(':');
    },
    decrypt(sealed, place) {
      if (!looksSealed(sealed)) throw new Error(`the value stored in ${placeName(place)} is not a sealed field`);
      const [version, keyId, ivText, tagText, ciphertext] = sealed.split(':');
      const key = ring.keys.get(keyId);
      if (!key) throw new Error(`encryption key "${keyId}" is not configured; add it to DATA_ENCRYPTION_KEYS`);
      const iv = Buffer.from(ivText, 'base64');
      const tag = Buffer.from(tagText, 'base64');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
        throw new Error(`the value stored in ${placeName(place)} is malformed (IV or tag of the wrong length)`);
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(version, keyId, place));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(
          `the value stored in ${placeName(place)} does not open: it was sealed for another place, or altered`,
        );
      }
    },
    isCurrent(sealed) {
      const [version, keyId] = sealed.split(':');
      return version === CURRENT_VERSION && keyId === ring.activeKeyId;
    },
  };
}
