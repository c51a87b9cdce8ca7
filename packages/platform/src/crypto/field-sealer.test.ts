import { randomBytes } from 'node:crypto';
import { parseKeyRing } from './field-cipher';
import { createFieldSealer, sealedColumn } from './field-sealer';

const key = () => randomBytes(32).toString('base64');
const REASON = sealedColumn('appointments', 'reason', { plainTextBefore: true });
const HISTORY = sealedColumn('patients', 'medical_history_sealed');

describe('field sealer', () => {
  const k1 = `k1:${key()}`;
  const sealer = createFieldSealer(parseKeyRing(k1));

  it('keeps absent values absent', () => {
    expect(sealer.seal(REASON, 'a1', null)).toBeNull();
    expect(sealer.open(REASON, 'a1', null)).toBeNull();
  });

  it('binds a value to its column and row: copied into another row or column, it does not open', () => {
    const sealed = sealer.seal(HISTORY, 'p1', 'Asthma');
    expect(sealer.open(HISTORY, 'p1', sealed)).toBe('Asthma');
    expect(() => sealer.open(HISTORY, 'p2', sealed)).toThrow(/does not open/);
    expect(() => sealer.open(REASON, 'p1', sealed)).toThrow(/does not open/);
    expect(() => sealer.reseal(HISTORY, 'p2', sealed)).toThrow(/does not open/);
  });

  it('reads the plain text a column held before it was sealed, until the rotation seals it; other columns refuse plain text', () => {
    expect(sealer.open(REASON, 'a1', 'Check-up')).toBe('Check-up');
    const sealed = sealer.reseal(REASON, 'a1', 'Check-up')!;
    expect(sealed).toMatch(/^v2:k1:/);
    expect(sealer.open(REASON, 'a1', sealed)).toBe('Check-up');
    expect(() => sealer.open(HISTORY, 'p1', 'Asthma')).toThrow(/not a sealed field/);
  });

  it('re-seals only what is not current: another key, or plain text', () => {
    const underK1 = sealer.seal(REASON, 'a1', 'Check-up');
    expect(sealer.reseal(REASON, 'a1', underK1)).toBeNull();
    const rotated = createFieldSealer(parseKeyRing(`${k1},k2:${key()}`));
    const underK2 = rotated.reseal(REASON, 'a1', underK1)!;
    expect(underK2).toMatch(/^v2:k2:/);
    expect(rotated.open(REASON, 'a1', underK2)).toBe('Check-up');
    expect(rotated.reseal(REASON, 'a1', underK2)).toBeNull();
  });
});
