import { useQuery } from '@apollo/client/react';
import { LocationsDocument } from '@carebook/sdk';
import { t } from '../../../i18n';

/** The clinic's active locations (the default first), from the API's `locations`. */
export function useLocations() {
  return useQuery(LocationsDocument).data?.locations ?? [];
}

/**
 * Where a window of hours is: one of the clinic's locations, each with its
 * own time zone. Shown only when the clinic has more than one; otherwise the
 * hours are the default location's, as they always were.
 */
export function LocationSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (locationId: string) => void;
}) {
  const locations = useLocations();
  if (locations.length < 2) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{t.doctor.location}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <LocationOptions locations={locations} />
      </select>
    </div>
  );
}

/** A location per option, its zone named (the hours forms and the closures page choose alike). */
export function LocationOptions({
  locations,
}: {
  locations: ReadonlyArray<{ id: string; name: string; timeZone: string }>;
}) {
  return (
    <>
      {locations.map((location) => (
        <option key={location.id} value={location.id}>
          {t.doctor.locationOption(location.name, location.timeZone)}
        </option>
      ))}
    </>
  );
}
