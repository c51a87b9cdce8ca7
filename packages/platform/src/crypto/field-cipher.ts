import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for sensitive fields at rest. A stored value reads
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64), so the key that sealed it is
 * known and keys can rotate: new writes use the active key, old values stay
 * readable while their key is still configured.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** True when the value was sealed with a key other than the active one. */
  needsRotation(sealed: string): boolean;
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
  for (const entry of keysSpec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const separator = entry.indexOf(':');
    if (separator <= 0) throw new Error('DATA_ENCRYPTION_KEYS entries must read <keyId>:<base64 32-byte key>');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32) throw new Error(`DATA_ENCRYPTION_KEYS key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error('DATA_ENCRYPTION_KEYS holds no key');
  const active = activeKeyId ?? [...keys.keys()].at(-1)!;
  if (!keys.has(active)) throw new Error(`DATA_ENCRYPTION_KEY_ID "${active}" is not among DATA_ENCRYPTION_KEYS`);
  return { activeKeyId: active, keys };
}

export function createFieldCipher(ring: KeyRing): FieldCipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.activeKeyId)!, iv);
      cipher.setAAD(Buffer.from(ring.activeKeyId));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', ring.activeKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
    },
    decrypt(sealed) {
      const [version, keyId, iv, tag, ciphertext] = sealed.split(':');
      if (version !== 'v1' || !ciphertext) throw new Error('value is not a sealed field');
      const key = ring.keys.get(keyId);
      if (!key) throw new Error(`encryption key "${keyId}" is not configured; add it to DATA_ENCRYPTION_KEYS`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    },
    needsRotation(sealed) {
      return sealed.split(':')[1] !== ring.activeKeyId;
    },
  };
}
