/**
 * A list for `in (...)` in a prepared statement, padded to a power of two by
 * repeating its last value (the same rows match). mysql2 prepares each
 * distinct statement text once per connection and compiles a row parser for
 * it: a list of whatever length a batch happened to have made a new
 * statement of nearly every batch (a round trip to prepare it, a parser to
 * compile, one more of MariaDB's prepared statements per connection), most
 * of all in a burst's first seconds. Padded, a column has one statement per
 * power of two.
 */
export function sqlList<T>(values: readonly T[]): { placeholders: string; values: T[] } {
  if (values.length === 0) throw new Error('sqlList needs at least one value (`in ()` is not SQL)');
  let size = 1;
  while (size < values.length) size *= 2;
  const padded = [...values];
  while (padded.length < size) padded.push(values[values.length - 1]);
  return { placeholders: padded.map(() => '?').join(', '), values: padded };
}
