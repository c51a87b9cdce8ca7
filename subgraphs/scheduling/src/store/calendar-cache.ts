/**
 * A short-lived cache of calendar answers with single flight: concurrent
 * identical questions share one aggregation. Any schedule change committed by
 * this process clears it; changes by other instances show within `ttlMs`.
 * Booking never relies on it: book-slot checks the slot itself, atomically.
 */
export interface CalendarCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  invalidate(): void;
}

export function createCalendarCache(ttlMs = 2000, maxEntries = 500): CalendarCache {
  const entries = new Map<string, { expires: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const found = entries.get(key);
      if (found && found.expires > now) return found.value as Promise<T>;
      if (entries.size >= maxEntries) entries.clear();
      const value = compute();
      const entry = { expires: now + ttlMs, value };
      entries.set(key, entry);
      // A failure is not remembered: the next caller asks again.
      value.catch(() => entries.get(key) === entry && entries.delete(key));
      return value;
    },
    invalidate: () => entries.clear(),
  };
}
