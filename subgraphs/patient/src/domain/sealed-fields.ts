import { createFieldCipher, KeyRing } from '@carebook/platform';

/**
 * Seals and opens the sensitive fields of patients and medical records
 * (AES-256-GCM; the sealed text names its key, so keys can rotate). Absent
 * values stay absent: null is stored as null, not as a sealed empty string.
 */
export interface Sealer {
  seal(plain: string | null): string | null;
  open(sealed: string | null): string | null;
}

export function createSealer(ring: KeyRing): Sealer {
  const cipher = createFieldCipher(ring);
  return {
    seal: (plain) => (plain === null ? null : cipher.encrypt(plain)),
    open: (sealed) => (sealed === null ? null : cipher.decrypt(sealed)),
  };
}
