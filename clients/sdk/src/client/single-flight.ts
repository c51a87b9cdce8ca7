/**
 * Wraps an async function so that calls made while one is running share its
 * result: however many requests find their token expired at once, the
 * refresh token (rotated on use: a second use would revoke the session) is
 * spent once.
 */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
}
