/** The requested service ids that are not among the offerable ones, in the order given. */
export function unknownServiceIds(requested: readonly string[], offerable: readonly string[]): string[] {
  const known = new Set(offerable);
  return requested.filter((id) => !known.has(id));
}

/** Which service links to add and which to remove to go from the current services to the wanted ones. */
export function offeringChanges(
  current: readonly string[],
  wanted: readonly string[],
): { add: string[]; remove: string[] } {
  const have = new Set(current);
  const want = new Set(wanted);
  return { add: wanted.filter((id) => !have.has(id)), remove: current.filter((id) => !want.has(id)) };
}

/** What a doctor may change on their own profile; the rest (name, licence, services, active) is the clinic's. */
export const DOCTOR_EDITABLE_FIELDS = ['bio', 'location', 'phone'] as const;
