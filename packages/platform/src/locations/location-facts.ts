/**
 * doctor `locations`: a place of the clinic where doctors see patients. The
 * doctor (directory) service owns locations; scheduling, appointment and
 * notification know them by these facts. `isDefault`: the location created at
 * first start with CLINIC_TIME_ZONE, which hours without a location belong to.
 */
export interface LocationFacts {
  id: string;
  name: string;
  address: string;
  timeZone: string;
  active: boolean;
  isDefault: boolean;
}

/** Where and in which zone an appointment takes place, as copied at booking (events and lookups carry it). */
export interface PlaceFacts {
  locationId: string;
  locationName: string;
  address: string;
  timeZone: string;
}

/**
 * The default location's id: fixed, so hours and appointments recorded
 * before locations existed (no location id) belong to it without a lookup.
 */
export const DEFAULT_LOCATION_ID = 'default';
