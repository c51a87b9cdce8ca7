import { randomBytes } from 'node:crypto';
import { createBlindIndex } from './blind-index';
import { parseKeyRing } from './field-cipher';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const phone = { table: 'patients', column: 'phone_lookup' };

describe('blind index', () => {
  it('gives equal text the same value under one key, and different text a different one', () => {
    const index = createBlindIndex(parseKeyRing(`k1:${k1}`), phone);
    expect(index.of('079460000')).toBe(index.of('079460000'));
    expect(index.of('079460000')).not.toBe(index.of('079460001'));
    expect(index.of('079460000')).toMatch(/^k1:[0-9a-f]{40}$/);
    expect(index.of('079460000')).not.toContain('079460000');
  });

  it('keeps values stored under an older key findable while that key is configured', () => {
    const before = createBlindIndex(parseKeyRing(`k1:${k1}`), phone).of('079460000');
    const rotated = createBlindIndex(parseKeyRing(`k1:${k1},k2:${k2}`), phone);
    expect(rotated.of('079460000')).toMatch(/^k2:/);
    expect(rotated.candidates('079460000')).toEqual(expect.arrayContaining([before, rotated.of('079460000')]));
  });

  it('derives a key per column, so equal values in two columns do not match', () => {
    const ring = parseKeyRing(`k1:${k1}`);
    expect(createBlindIndex(ring, phone).of('x')).not.toBe(
      createBlindIndex(ring, { table: 'patients', column: 'other' }).of('x'),
    );
  });
});
