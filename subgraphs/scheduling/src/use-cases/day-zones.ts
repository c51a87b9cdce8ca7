import { DEFAULT_LOCATION_ID } from '@carebook/platform';
import { DateTime } from 'luxon';
import type { ClinicLocations } from '../clients/clinic-locations';
import { startOfLocalDay } from '../domain/wall-clock';

/**
 * Which zone a slot's date is read in: its own location's. The patient books
 * a New York slot at 21:00 on its New York date, not on the next Berlin one,
 * so the availability calendar groups each slot by its location's date.
 */
export interface DayZones {
  /** The default location's zone (CLINIC_TIME_ZONE): slots of a location not listed here. */
  fallback: string;
  /** The locations in another zone than the fallback, grouped by zone (a store writes one branch per zone). */
  others: Array<{ zone: string; locationIds: string[] }>;
}

/** Every location's zone, inactive ones too (their slots stay until they pass). */
export async function dayZonesOf(locations: ClinicLocations, fallback: string): Promise<DayZones> {
  const byZone = new Map<string, string[]>();
  for (const location of await locations.all()) {
    if (location.timeZone === fallback) continue;
    byZone.set(location.timeZone, [...(byZone.get(location.timeZone) ?? []), location.id]);
  }
  return { fallback, others: [...byZone].map(([zone, locationIds]) => ({ zone, locationIds })) };
}

export function zoneOfLocation(zones: DayZones, locationId: string | null | undefined): string {
  const id = locationId ?? DEFAULT_LOCATION_ID;
  return zones.others.find((group) => group.locationIds.includes(id))?.zone ?? zones.fallback;
}

/** The slot's date on its location's clock. */
export function localDateOf(zones: DayZones, slot: { startsAt: Date; locationId?: string | null }): string {
  return DateTime.fromJSDate(slot.startsAt, { zone: zoneOfLocation(zones, slot.locationId) }).toISODate()!;
}

/**
 * The instants that hold the dates `from` to `to` (inclusive) in every zone:
 * from the earliest zone's first midnight to the latest zone's last. A slot
 * inside this span may still fall on a date outside the range in its own
 * zone; the caller keeps only the dates it asked for.
 */
export function instantsOfDates(zones: DayZones, from: string, to: string): { from: Date; to: Date } {
  const all = [zones.fallback, ...zones.others.map((group) => group.zone)];
  const dayAfter = DateTime.fromISO(to).plus({ days: 1 }).toISODate()!;
  const starts = all.map((zone) => startOfLocalDay(from, zone).getTime());
  const ends = all.map((zone) => startOfLocalDay(dayAfter, zone).getTime());
  return { from: new Date(Math.min(...starts)), to: new Date(Math.max(...ends)) };
}
