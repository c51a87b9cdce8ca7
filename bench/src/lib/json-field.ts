/**
 * A field of a parsed JSON value, undefined when the value is no object. Read by hand, not with a schema, where
 * a bench reads JSON inside what it times: the figures should measure the server, not the client's parsing.
 */
export function jsonField(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
