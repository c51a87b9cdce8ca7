/**
 * Whom a clinic closure closes. A new kind is one more member here, one more
 * case in closureTarget and one more option in scope-picker.tsx.
 */
export type ClosureScope =
  | { kind: 'EVERY_DOCTOR' }
  | { kind: 'CHOSEN_DOCTORS'; doctorIds: string[] }
  // The API finds the doctors with hours there on those days, and reads the days in the location's zone.
  | { kind: 'ONE_LOCATION'; locationId: string | null };

export type ScopeKind = ClosureScope['kind'];
export const SCOPE_KINDS: ScopeKind[] = ['EVERY_DOCTOR', 'CHOSEN_DOCTORS', 'ONE_LOCATION'];

export type ClosureProblem = 'NO_DOCTOR_CHOSEN' | 'NO_LOCATION_CHOSEN';

/** CloseClinic's variables for a scope, or why it cannot be sent yet (checked here, so nothing is sent in vain). */
export function closureTarget(
  scope: ClosureScope,
): { ok: true; variables: { doctorIds?: string[]; locationId?: string } } | { ok: false; problem: ClosureProblem } {
  switch (scope.kind) {
    case 'EVERY_DOCTOR':
      // Left out, not empty: the API closes every active doctor's days.
      return { ok: true, variables: {} };
    case 'CHOSEN_DOCTORS':
      return scope.doctorIds.length
        ? { ok: true, variables: { doctorIds: [...new Set(scope.doctorIds)] } }
        : { ok: false, problem: 'NO_DOCTOR_CHOSEN' };
    case 'ONE_LOCATION':
      // The API takes a location or doctors, never both: doctorIds stays out.
      return scope.locationId
        ? { ok: true, variables: { locationId: scope.locationId } }
        : { ok: false, problem: 'NO_LOCATION_CHOSEN' };
  }
}

/** The scope when its kind is picked: what was chosen under that kind before is kept. */
export function scopeOfKind(kind: ScopeKind, current: ClosureScope, firstLocationId: string | null): ClosureScope {
  if (kind === current.kind) return current;
  switch (kind) {
    case 'EVERY_DOCTOR':
      return { kind };
    case 'CHOSEN_DOCTORS':
      return { kind, doctorIds: [] };
    case 'ONE_LOCATION':
      return { kind, locationId: firstLocationId };
  }
}
