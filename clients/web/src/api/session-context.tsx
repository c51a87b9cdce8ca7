import { useApolloClient } from '@apollo/client/react';
import { LogoutDocument } from '@carebook/sdk';
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
    const refreshToken = store.get()?.refreshToken;
    store.end('signed-out');
    // Nothing of this patient stays in memory for the next person at this screen.
    await apollo.clearStore();
    // The server ends the refresh token's family too (a copy of it is worth nothing now). Best effort, not awaited:
    // signing out here never waits for, or fails with, the network. No access token is sent, so none is refreshed,
    // which would spend this refresh token before Logout could name it.
    if (refreshToken)
      void apollo
        .mutate({
          mutation: LogoutDocument,
          variables: { refreshToken },
          context: { token: null },
          fetchPolicy: 'no-cache',
        })
        .catch(() => undefined);
  }, [store, apollo]);
  return { session, signIn, signOut, endedBecause: store.endedBecause };
}
