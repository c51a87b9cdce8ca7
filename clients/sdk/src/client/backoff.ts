export interface BackoffOptions {
  /** The first wait, in ms (default 500). */
  baseDelayMs?: number;
  /** No wait is longer than this, in ms (default 30 s). */
  maxDelayMs?: number;
}

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first):
 * exponential with "full jitter", so that the clients a restarted gateway
 * dropped do not all come back in the same instant.
 */
export function backoffDelay(
  attempt: number,
  { baseDelayMs = 500, maxDelayMs = 30_000 }: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
