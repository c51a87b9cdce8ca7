import {
  BadUserInput,
  contractClient,
  DEFAULT_LOCATION_ID,
  doctorContract,
  LocationFacts,
  PlaceFacts,
  recentAnswers,
  ServiceClient,
} from '@carebook/platform';

/**
 * The clinic's locations as scheduling needs them: each one's zone turns its
 * hours into instants. The doctor service owns them; they are asked once and
 * kept a minute (a location's zone never changes once created, and the doctor
 * service announces every change, which makes `forget` run at once).
 */
export interface ClinicLocations {
  all(): Promise<LocationFacts[]>;
  /** The location, or BAD_USER_INPUT naming `field`; left out (null) is the default location. New hours need an active one. */
  forHours(locationId: string | null | undefined, field?: string): Promise<LocationFacts>;
  /** The location, active or not (closing one keeps its hours closed), or BAD_USER_INPUT naming `field`. */
  existing(locationId: string, field?: string): Promise<LocationFacts>;
  /** The zone of a location known to exist (a stored rule's or slot's). */
  zoneOf(locationId: string | null | undefined): Promise<string>;
  placeOf(locationId: string | null | undefined): Promise<PlaceFacts>;
  forget(): void;
}

const LOCATIONS_TTL_MS = 60_000;

export const placeFacts = (location: LocationFacts): PlaceFacts => ({
  locationId: location.id,
  locationName: location.name,
  address: location.address,
  timeZone: location.timeZone,
});

/** `defaultZone` (CLINIC_TIME_ZONE) answers for the default location when the doctor service cannot: a single-site clinic keeps working as before. */
export function clinicLocations(services: ServiceClient, defaultZone: string): ClinicLocations {
  const fallback: LocationFacts = {
    id: DEFAULT_LOCATION_ID,
    name: 'Main location',
    address: '',
    timeZone: defaultZone,
    active: true,
    isDefault: true,
  };
  // CLINIC_TIME_ZONE is the default location's zone in every service: this one's setting decides its hours.
  const doctor = contractClient(doctorContract, services);
  const ask = recentAnswers(async () => {
    const { locations } = await doctor.locations({});
    return locations.map((location) => (location.isDefault ? { ...location, timeZone: defaultZone } : location));
  }, LOCATIONS_TTL_MS);
  const find = async (id: string | null | undefined) =>
    (await ask(null)).find((location) => location.id === (id ?? DEFAULT_LOCATION_ID)) ?? null;
  // Locations are never deleted, so a stored id is always listed; the default one is known without asking.
  const known = async (id: string | null | undefined) => {
    try {
      return (await find(id)) ?? fallback;
    } catch (error) {
      if ((id ?? DEFAULT_LOCATION_ID) === DEFAULT_LOCATION_ID) return fallback;
      throw error;
    }
  };
  const existing = async (locationId: string, field = 'locationId') => {
    // A location created a moment ago may not be in the kept list yet (its announcement is on its way): ask afresh before refusing.
    let location = await find(locationId);
    if (!location) {
      ask.forget();
      location = await find(locationId);
    }
    if (!location)
      throw new BadUserInput(`There is no location with id ${locationId}; the locations query lists them.`, field);
    return location;
  };
  return {
    all: () => ask(null),
    existing,
    async forHours(locationId, field = 'locationId') {
      const location = await existing(locationId ?? DEFAULT_LOCATION_ID, field);
      if (!location.active)
        throw new BadUserInput(
          `The location "${location.name}" is inactive and takes no new hours; choose an active one.`,
          field,
        );
      return location;
    },
    zoneOf: async (locationId) => (await known(locationId)).timeZone,
    placeOf: async (locationId) => placeFacts(await known(locationId)),
    forget: () => ask.forget(),
  };
}
