import { createCipheriv, randomBytes } from 'node:crypto';
import { createFieldCipher, looksSealed, parseKeyRing, SealedPlace } from './field-cipher';

const key = () => randomBytes(32).toString('base64');
const place: SealedPlace = { table: 'appointments', column: 'reason', rowId: 'a1' };

/** A value as the first format wrote it: bound to its key id only. */
function sealV1(keyId: string, base64Key: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), iv);
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v1',
    keyId,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

describe('field cipher', () => {
  const k1 = key();
  const cipher = createFieldCipher(parseKeyRing(`k1:${k1}`));

  it('seals to v2 text that names its key and does not contain the value, with a fresh IV each time, and opens it at the same place', () => {
    const sealed = cipher.encrypt('persistent cough', place);
    expect(sealed).toMatch(/^v2:k1:/);
    expect(sealed).not.toContain('cough');
    expect(looksSealed(sealed)).toBe(true);
    expect(cipher.decrypt(sealed, { ...place })).toBe('persistent cough');
    expect(cipher.encrypt('persistent cough', place)).not.toBe(sealed);
    expect(cipher.decrypt(cipher.encrypt('', place), place)).toBe('');
  });

  it('refuses a value moved to another row, another column or another table', () => {
    const sealed = cipher.encrypt('persistent cough', place);
    expect(() => cipher.decrypt(sealed, { ...place, rowId: 'a2' })).toThrow(
      /appointments\.reason of row a2 does not open/,
    );
    expect(() => cipher.decrypt(sealed, { ...place, column: 'cancellation_reason' })).toThrow(/does not open/);
    expect(() => cipher.decrypt(sealed, { ...place, table: 'appointment_changes', column: 'note' })).toThrow(
      /does not open/,
    );
  });

  it('pins the tag to 16 bytes: a shortened tag is refused before decryption', () => {
    const parts = cipher.encrypt('persistent cough', place).split(':');
    parts[3] = Buffer.from(parts[3], 'base64').subarray(0, 12).toString('base64');
    expect(() => cipher.decrypt(parts.join(':'), place)).toThrow(/wrong length/);
  });

  it('refuses a value whose key was removed, or that was altered', () => {
    const sealed = cipher.encrypt('persistent cough', place);
    expect(() => createFieldCipher(parseKeyRing(`k2:${key()}`)).decrypt(sealed, place)).toThrow(
      /"k1" is not configured/,
    );
    const parts = sealed.split(':');
    parts[4] = Buffer.from('tampered').toString('base64');
    expect(() => cipher.decrypt(parts.join(':'), place)).toThrow(/does not open/);
    expect(() => cipher.decrypt('plain text', place)).toThrow(/is not a sealed field/);
  });

  it('still reads v1 values (bound to their key only), and counts them as due for rotation', () => {
    const old = sealV1('k1', k1, 'Asthma');
    expect(cipher.decrypt(old, { table: 'patients', column: 'medical_history_sealed', rowId: 'p1' })).toBe('Asthma');
    expect(cipher.isCurrent(old)).toBe(false);
    expect(cipher.isCurrent(cipher.encrypt('Asthma', place))).toBe(true);
  });

  it('seals with the active key and reads the older ones while they are configured', () => {
    const old = cipher.encrypt('Asthma', place);
    const rotated = createFieldCipher(parseKeyRing(`k1:${k1},k2:${key()}`));
    expect(rotated.decrypt(old, place)).toBe('Asthma');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.encrypt('Asthma', place)).toMatch(/^v2:k2:/);
  });
});
