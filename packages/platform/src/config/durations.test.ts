import { formatMinutes, parseDuration } from './durations';

describe('durations as settings write them', () => {
  it('reads days, hours, minutes and seconds, alone or combined', () => {
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration(' 1h30m ')).toBe(5_400_000);
    expect(parseDuration('90s')).toBe(90_000);
  });

  it('refuses zero unless the setting allows none', () => {
    expect(parseDuration('0')).toBeNull();
    expect(parseDuration('0m')).toBeNull();
    expect(parseDuration('0', { zero: true })).toBe(0);
    expect(parseDuration('0h', { zero: true })).toBe(0);
    for (const bad of ['', '24', 'h', '-1h', '1.5h', '1w', '2 h'])
      expect(parseDuration(bad, { zero: true })).toBeNull();
  });

  it('writes whole minutes back in the same spelling', () => {
    expect(formatMinutes(120)).toBe('2h');
    expect(formatMinutes(90 * 1440)).toBe('90d');
    expect(formatMinutes(90)).toBe('1h30m');
    expect(formatMinutes(1441)).toBe('1d1m');
    expect(formatMinutes(0)).toBe('0m');
  });
});
