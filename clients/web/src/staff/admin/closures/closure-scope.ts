/**
 * Whom a clinic closure closes. A new kind (a location, whose doctors the
 * API resolves) is one more member here, one more case in closureTarget and
 * one more option in scope-picker.tsx.
 */
export type ClosureScope = { kind: 'EVERY_DOCTOR' } | { kind: 'CHOSEN_DOCTORS'; doctorIds: string[] };

export type ScopeKind = ClosureScope['kind'];
export const SCOPE_KINDS: ScopeKind[] = ['EVERY_DOCTOR', 'CHOSEN_DOCTORS'];

/** CloseClinic's variables for a scope, or why it cannot be sent yet (checked here, so nothing is sent in vain). */
export function closureTarget(scope: ClosureScope): { ok: true; variables: { doctorIds?: string[] } } | { ok: false; problem: 'NO_DOCTOR_CHOSEN' } {
  switch (scope.kind) {
    case 'EVERY_DOCTOR':
      // Left out, not empty: the API closes every active doctor's days.
      return { ok: true, variables: {} };
    case 'CHOSEN_DOCTORS':
      return scope.doctorIds.length ? { ok: true, variables: { doctorIds: [...new Set(scope.doctorIds)] } } : { ok: false, problem: 'NO_DOCTOR_CHOSEN' };
  }
}
