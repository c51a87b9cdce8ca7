import { useApolloClient } from '@apollo/client/react';
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { Session, SessionStore } from './session-store';

export const SessionContext = createContext<SessionStore | null>(null);

function useStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession outside SessionContext');
  return store;
}

/** The current session (null when signed out), and the ways to change it. */
export function useSession() {
  const store = useStore();
  const apollo = useApolloClient();
  const session = useSyncExternalStore(store.subscribe, store.get);
  const signIn = useCallback((next: Session) => store.signIn(next), [store]);
  const signOut = useCallback(async () => {
    store.end('signed-out');
    // Nothing of this patient stays in memory for the next person at this screen.
    await apollo.clearStore();
  }, [store, apollo]);
  return { session, signIn, signOut, endedBecause: store.endedBecause };
}
