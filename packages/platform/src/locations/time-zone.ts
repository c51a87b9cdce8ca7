import { IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * Every clinic location has its own IANA time zone, and CLINIC_TIME_ZONE is
 * the default location's. One rule for what a zone is, so the env variable,
 * the admin's input and a stored row are checked alike.
 */
export const TIME_ZONE_MESSAGE = 'must be an IANA time zone name such as Europe/Berlin, America/New_York or UTC';

export function isTimeZone(zone: string): boolean {
  // IANAZone accepts fixed offsets like "UTC+2" too; a location needs a named zone (its daylight-saving rules).
  return IANAZone.isValidZone(zone) && !/^(utc|gmt)?[+-]\d/i.test(zone);
}

/** The zod rule for CLINIC_TIME_ZONE in every service's config (UTC when unset). */
export const clinicTimeZoneSchema = () => z.string().default('UTC').refine(isTimeZone, TIME_ZONE_MESSAGE);
