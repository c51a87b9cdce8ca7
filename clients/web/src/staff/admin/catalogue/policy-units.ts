/**
 * Booking rules are minutes in the API; people think of notice in hours and
 * a horizon in days. A rule is shown in the largest unit that holds it
 * exactly, and read back to whole minutes.
 */
export type PolicyUnit = 'MINUTES' | 'HOURS' | 'DAYS';
export const POLICY_UNITS: PolicyUnit[] = ['MINUTES', 'HOURS', 'DAYS'];
const MINUTES_PER: Record<PolicyUnit, number> = { MINUTES: 1, HOURS: 60, DAYS: 1440 };

/** 2880 → 2 days, 90 → 90 minutes, 0 → 0 minutes. */
export function inLargestUnit(minutes: number): { amount: string; unit: PolicyUnit } {
  for (const unit of ['DAYS', 'HOURS'] as const)
    if (minutes > 0 && minutes % MINUTES_PER[unit] === 0) return { amount: String(minutes / MINUTES_PER[unit]), unit };
  return { amount: String(minutes), unit: 'MINUTES' };
}

/** "1.5" hours → 90; null for what is not a number of zero or more, or not a whole number of minutes ("0.3" hours is 18, fine; "0.01" hours is not). */
export function toMinutes(amount: string, unit: PolicyUnit): number | null {
  const text = amount.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const minutes = Number(text) * MINUTES_PER[unit];
  const whole = Math.round(minutes);
  return Math.abs(minutes - whole) < 1e-9 ? whole : null;
}
