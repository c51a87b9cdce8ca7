/**
 * Durations as the clinic writes them in its settings: `24h`, `2h`, `90d`,
 * `30m`, `90s`, `1h30m` (REMINDER_OFFSETS, BOOKING_MIN_NOTICE, ...). One
 * reader, so every setting takes the same spelling.
 */
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** Milliseconds, or null when the text is not a positive duration (`0` and `0m` are not, unless `zero` allows them). */
export function parseDuration(text: string, options: { zero?: boolean } = {}): number | null {
  const trimmed = text.trim().toLowerCase();
  if (options.zero && trimmed === '0') return 0;
  if (!/^(\d+[dhms])+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([dhms])/g)) total += Number(amount) * UNIT_MS[unit];
  if (total === 0) return options.zero ? 0 : null;
  return total;
}

/** Whole minutes written back the same way: 120 -> `2h`, 129600 -> `90d`, 90 -> `1h30m`, 0 -> `0m`. */
export function formatMinutes(minutes: number): string {
  if (minutes <= 0) return '0m';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return `${days ? `${days}d` : ''}${hours ? `${hours}h` : ''}${rest ? `${rest}m` : ''}`;
}
