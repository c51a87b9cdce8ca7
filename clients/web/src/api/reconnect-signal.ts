import { createContext, useContext, useEffect, useRef } from 'react';

/**
 * "The live connection came back": the SDK client calls `emit` after its
 * WebSocket reconnected (a gateway restart, a network change, a renewed
 * token). Pub/sub keeps nothing while a client is away, so whatever a live
 * page shows is fetched again by its listeners.
 */
export function createReconnectSignal() {
  const listeners = new Set<() => void>();
  return {
    emit() {
      for (const listener of listeners) listener();
    },
    listen(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type ReconnectSignal = ReturnType<typeof createReconnectSignal>;

export const ReconnectContext = createContext<ReconnectSignal | null>(null);

/** Runs `refetch` each time the live connection came back. */
export function useOnReconnect(refetch: () => unknown) {
  const signal = useContext(ReconnectContext);
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => signal?.listen(() => void latest.current()), [signal]);
}
