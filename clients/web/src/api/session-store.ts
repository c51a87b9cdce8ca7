export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; role: string };
}

const KEY = 'carebook-session';

/**
 * The signed-in session, kept in sessionStorage: it survives a reload but
 * not the tab (a shared computer at a clinic's front desk forgets it).
 */
export function createSessionStore(storage: Storage = sessionStorage) {
  const read = (): Session | null => {
    try {
      return JSON.parse(storage.getItem(KEY) ?? 'null') as Session | null;
    } catch {
      return null;
    }
  };
  let session = read();
  // Why the session ended, for the sign-in page ("expired" after a refused refresh).
  let endedBecause: 'expired' | 'signed-out' | null = null;
  const listeners = new Set<() => void>();
  const set = (next: Session | null) => {
    session = next;
    if (next) storage.setItem(KEY, JSON.stringify(next));
    else storage.removeItem(KEY);
    for (const listener of listeners) listener();
  };
  return {
    get: () => session,
    signIn(next: Session) {
      endedBecause = null;
      set(next);
    },
    renew(tokens: { accessToken: string; refreshToken: string }) {
      if (session) set({ ...session, ...tokens });
    },
    end(reason: 'expired' | 'signed-out') {
      endedBecause = reason;
      set(null);
    },
    endedBecause: () => endedBecause,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
