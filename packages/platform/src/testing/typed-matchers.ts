/*
 * Jest types its asymmetric matchers `any`, which the no-unsafe lint rules refuse inside the expected object of a
 * typed suite. These are the same matchers, typed `unknown`: toEqual and toMatchObject take them as they are.
 */

/** Any string: a value the service chose, like an id. */
export function anyString(): unknown {
  return expect.any(String);
}

/** Any number: a measurement, like a latency. */
export function anyNumber(): unknown {
  return expect.any(Number);
}

/** A string that contains `text`. */
export function stringContaining(text: string): unknown {
  return expect.stringContaining(text);
}

/** A string that matches `pattern`. */
export function stringMatching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern);
}

/** Any Date: an instant the service chose, read back from the store. */
export function anyDate(): unknown {
  return expect.any(Date);
}

/** An object that holds at least these properties (nested in an expected object, where `expect.objectContaining` is `any`). */
export function objectContaining(expected: object): unknown {
  return expect.objectContaining(expected);
}

/** An array that holds at least these items (nested in an expected object, where `expect.arrayContaining` is `any`). */
export function arrayContaining(expected: readonly unknown[]): unknown {
  return expect.arrayContaining(expected);
}
