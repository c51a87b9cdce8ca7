import { inLargestUnit, toMinutes } from './policy-units';

describe('booking rules in the unit a person reads', () => {
  it('shows minutes in the largest unit that holds them exactly', () => {
    expect(inLargestUnit(129_600)).toEqual({ amount: '90', unit: 'DAYS' });
    expect(inLargestUnit(1440 + 60)).toEqual({ amount: '25', unit: 'HOURS' });
    expect(inLargestUnit(90)).toEqual({ amount: '90', unit: 'MINUTES' });
    expect(inLargestUnit(0)).toEqual({ amount: '0', unit: 'MINUTES' });
  });

  it('reads an amount back to whole minutes, refusing what is not one', () => {
    expect(toMinutes('1.5', 'HOURS')).toBe(90);
    expect(toMinutes('2', 'DAYS')).toBe(2880);
    expect(toMinutes(' 0,5 ', 'HOURS')).toBe(30);
    expect(toMinutes('0', 'MINUTES')).toBe(0);
    expect(toMinutes('0.01', 'HOURS')).toBeNull();
    expect(toMinutes('-1', 'HOURS')).toBeNull();
    expect(toMinutes('soon', 'DAYS')).toBeNull();
    expect(toMinutes('', 'DAYS')).toBeNull();
  });
});
