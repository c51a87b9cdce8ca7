import { fromMinorUnits, isAmount, sumAmounts, toMinorUnits } from './money';

describe('money in minor units', () => {
  it('converts exactly, where floating point would not', () => {
    expect(toMinorUnits('0.10') + toMinorUnits('0.20')).toBe(30n);
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts(['35', '4.5', '0.05'])).toBe('39.55');
    expect(fromMinorUnits(toMinorUnits('99999999.99'))).toBe('99999999.99');
    expect(fromMinorUnits(-1505n)).toBe('-15.05');
  });

  it('accepts amounts with up to two decimals only', () => {
    expect(['15', '15.5', '15.00', '0.01'].every(isAmount)).toBe(true);
    expect(['15.005', '-1', 'abc', '1e3', '', '1.'].some(isAmount)).toBe(false);
  });
});
