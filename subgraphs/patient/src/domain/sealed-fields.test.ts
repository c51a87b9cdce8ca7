import { parseKeyRing } from '@carebook/platform';
import { randomBytes } from 'node:crypto';
import { createSealer } from './sealed-fields';

const key = () => randomBytes(32).toString('base64');

describe('sealed fields', () => {
  const first = `k1:${key()}`;

  it('seals to text that names its key and does not contain the value, and opens it again', () => {
    const sealer = createSealer(parseKeyRing(first));
    const sealed = sealer.seal('+49 30 1234567')!;
    expect(sealed).toMatch(/^v1:k1:/);
    expect(sealed).not.toContain('1234567');
    expect(sealer.open(sealed)).toBe('+49 30 1234567');
    expect(sealer.seal('+49 30 1234567')).not.toBe(sealed);
  });

  it('keeps absent values absent', () => {
    const sealer = createSealer(parseKeyRing(first));
    expect(sealer.seal(null)).toBeNull();
    expect(sealer.open(null)).toBeNull();
  });

  it('reads values sealed under an older key after a new active key is added, and seals new values with the new key', () => {
    const old = createSealer(parseKeyRing(first)).seal('Asthma')!;
    const rotated = createSealer(parseKeyRing(`${first},k2:${key()}`));
    expect(rotated.open(old)).toBe('Asthma');
    expect(rotated.seal('Asthma')).toMatch(/^v1:k2:/);
  });

  it('refuses a value whose key was removed, or that was tampered with', () => {
    const sealed = createSealer(parseKeyRing(first)).seal('Asthma')!;
    expect(() => createSealer(parseKeyRing(`k2:${key()}`)).open(sealed)).toThrow(/"k1" is not configured/);
    const parts = sealed.split(':');
    parts[4] = Buffer.from('tampered').toString('base64');
    expect(() => createSealer(parseKeyRing(first)).open(parts.join(':'))).toThrow();
  });
});
