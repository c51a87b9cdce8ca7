import { createCarebookClient, RefreshSessionDocument } from '@carebook/sdk';
import type { SessionStore } from './session-store';

/**
 * The SDK's client with the session's tokens: every request reads the
 * current access token; an expired one is renewed once with the refresh
 * token, and a refused renewal ends the session (the pages then ask to sign in).
 * Subscriptions share the token and its renewal; `onReconnect` is told when
 * their connection came back (what they keep live must be fetched again).
 */
export function createApiClient(
  url: string,
  sessions: SessionStore,
  { onReconnect }: { onReconnect?: () => void } = {},
) {
  const client = createCarebookClient({
    url,
    onReconnect,
    getToken: () => sessions.get()?.accessToken,
    refreshToken: async () => {
      const refreshToken = sessions.get()?.refreshToken;
      if (!refreshToken) return null;
      const result = await client.execute(RefreshSessionDocument, { refreshToken }, { token: null });
      if (!result.data) {
        sessions.end('expired');
        return null;
      }
      sessions.renew(result.data.refreshSession);
      return result.data.refreshSession.accessToken;
    },
  });
  return client;
}
