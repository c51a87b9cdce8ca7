import type { Stack } from '@carebook/platform/testing';

/**
 * Prints the error lines each process of a stack logged during a benchmark: an
 * error answered to a client is logged by the service that raised it, and a
 * figure measured over errors would mean nothing.
 */
export function printLoggedErrors(stack: Stack): void {
  for (const [name, service] of stack.services) {
    const lines = service
      .output()
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line));
    if (lines.length)
      console.log(
        `\n${name} logged ${lines.length} error(s); the first:\n${lines.slice(0, 3).join('\n').slice(0, 3000)}`,
      );
  }
}
