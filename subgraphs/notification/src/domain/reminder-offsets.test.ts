import { parseDuration } from '@carebook/platform';
import { dueReminders, parseOffsets } from './reminder-offsets';

describe('reminder offsets', () => {
  it('reads durations in days, hours, minutes and seconds, alone or combined', () => {
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1d')).toBe(86_400_000);
  });

  it('refuses what is not a positive duration', () => {
    for (const bad of ['', '24', 'h', '-1h', '1.5h', '0m', '1h:30m', '1w']) expect(parseDuration(bad)).toBeNull();
    expect(parseOffsets('24h,soon')).toBeNull();
  });

  it('parses a list, longest first, without duplicates', () => {
    expect(parseOffsets(' 1h, 24h ,1h')!.map((o) => o.name)).toEqual(['24h', '1h']);
    expect(parseOffsets('')).toEqual([]);
  });

  it('skips offsets already past when the appointment is booked', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const startsAt = new Date('2026-03-01T12:00:00Z');
    const due = dueReminders(startsAt, parseOffsets('24h,1h,2m')!, now);
    expect(due.map((d) => d.offset.name)).toEqual(['1h', '2m']);
    expect(due[0].dueAt.toISOString()).toBe('2026-03-01T11:00:00.000Z');
  });
});
