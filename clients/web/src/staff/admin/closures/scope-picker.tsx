import { t } from '../../../i18n';
import { type ClosureScope, SCOPE_KINDS, type ScopeKind } from './closure-scope';

/** The closure's scope: every doctor, or the doctors ticked (a radio per kind, its details under it). */
export function ScopePicker({ scope, doctors, onChange }: { scope: ClosureScope; doctors: ReadonlyArray<{ id: string; name: string }>; onChange: (scope: ClosureScope) => void }) {
  const c = t.admin.closures;
  const choose = (kind: ScopeKind) => onChange(kind === 'EVERY_DOCTOR' ? { kind } : { kind, doctorIds: scope.kind === 'CHOSEN_DOCTORS' ? scope.doctorIds : [] });
  return (
    <fieldset className="checks">
      <legend>{c.scope}</legend>
      {SCOPE_KINDS.map((kind) => (
        <label key={kind}>
          <input type="radio" name="closure-scope" value={kind} checked={scope.kind === kind} onChange={() => choose(kind)} /> {c.scopes[kind]}
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
                onChange={(e) => onChange({ kind: 'CHOSEN_DOCTORS', doctorIds: e.target.checked ? [...scope.doctorIds, doctor.id] : scope.doctorIds.filter((id) => id !== doctor.id) })}
              />{' '}
              {doctor.name}
            </label>
          ))}
        </fieldset>
      ) : null}
    </fieldset>
  );
}
