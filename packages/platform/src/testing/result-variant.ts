/**
 * One member of a result union, e.g. variant(booked.bookAppointment,
 * 'BookingConfirmed').appointment: typed as that member, and failing the
 * test, naming what came instead, when the API answered another.
 */
export function variant<T extends { __typename: string }, N extends T['__typename']>(
  value: T,
  typename: N,
): Extract<T, { __typename: N }> {
  if (value?.__typename !== typename) throw new Error(`Expected ${typename}, got ${JSON.stringify(value)}`);
  return value as Extract<T, { __typename: N }>;
}
