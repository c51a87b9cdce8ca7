import { DateTime } from 'luxon';

/** A stretch of time during which the zone's UTC offset is constant. */
export interface OffsetSegment {
  /** Exclusive end, or null for the last segment. */
  until: Date | null;
  offsetMinutes: number;
}

const DAY_MS = 24 * 3600 * 1000;

function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/**
 * The zone's UTC offsets over [from, to), so a store can turn a UTC instant
 * into a local day with a plain CASE instead of needing time-zone tables.
 * Transitions are found day by day, then to the minute by bisection.
 */
export function offsetSegments(zone: string, from: Date, to: Date): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let current = offsetAt(zone, from.getTime());
  for (let day = from.getTime(); day < to.getTime(); day += DAY_MS) {
    const next = Math.min(day + DAY_MS, to.getTime());
    if (offsetAt(zone, next) === current) continue;
    let low = day;
    let high = next;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 2);
      if (offsetAt(zone, middle) === current) low = middle;
      else high = middle;
    }
    const at = Math.floor(high / 60_000) * 60_000;
    segments.push({ until: new Date(at), offsetMinutes: current });
    current = offsetAt(zone, at);
  }
  segments.push({ until: null, offsetMinutes: current });
  return segments;
}
