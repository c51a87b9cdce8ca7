import { t } from '../../../i18n';
import { LocationOptions } from '../../doctor/availability/location-select';
import { type ClosureScope, SCOPE_KINDS, scopeOfKind } from './closure-scope';

interface Props {
  scope: ClosureScope;
  doctors: ReadonlyArray<{ id: string; name: string }>;
  /** The clinic's active locations, the default first. */
  locations: ReadonlyArray<{ id: string; name: string; timeZone: string }>;
  onChange: (scope: ClosureScope) => void;
}

/**
 * The closure's scope: every doctor, the doctors ticked, or one location (a
 * radio per kind, its details under it). A clinic with one location is not
 * offered to close "one location": that is every doctor.
 */
export function ScopePicker({ scope, doctors, locations, onChange }: Props) {
  const c = t.admin.closures;
  const kinds = locations.length > 1 ? SCOPE_KINDS : SCOPE_KINDS.filter((kind) => kind !== 'ONE_LOCATION');
  return (
    <fieldset className="checks">
      <legend>{c.scope}</legend>
      {kinds.map((kind) => (
        <label key={kind}>
          <input
            type="radio"
            name="closure-scope"
            value={kind}
            checked={scope.kind === kind}
            onChange={() => onChange(scopeOfKind(kind, scope, locations[0]?.id ?? null))}
          />{' '}
          {c.scopes[kind]}
        </label>
      ))}
      {scope.kind === 'CHOSEN_DOCTORS' ? (
        <fieldset className="checks closure-doctors">
          <legend>{c.doctors}</legend>
          {doctors.map((doctor) => (
            <label key={doctor.id}>
              <input
                type="checkbox"
                checked={scope.doctorIds.includes(doctor.id)}
                onChange={(e) =>
                  onChange({
                    kind: 'CHOSEN_DOCTORS',
                    doctorIds: e.target.checked
                      ? [...scope.doctorIds, doctor.id]
                      : scope.doctorIds.filter((id) => id !== doctor.id),
                  })
                }
              />{' '}
              {doctor.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {scope.kind === 'ONE_LOCATION' ? (
        <div className="field">
          <label htmlFor="closure-location">{c.location}</label>
          <select
            id="closure-location"
            value={scope.locationId ?? ''}
            onChange={(e) => onChange({ kind: 'ONE_LOCATION', locationId: e.target.value || null })}
          >
            <LocationOptions locations={locations} />
          </select>
        </div>
      ) : null}
    </fieldset>
  );
}
