import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useState } from 'react';
import { createExplorerFetcher } from './fetcher';

const TOKEN_KEY = 'carebook-explorer-token';

const DEFAULT_QUERY = `# Carebook API explorer: runs offline, against the gateway at the address above.
#
# Sign in (the development admin is admin@carebook.local / carebook-admin-password),
# then paste the accessToken into the "Access token" field above: queries,
# mutations and subscriptions (over graphql-ws) then run as that user.

mutation Login {
  login(email: "admin@carebook.local", password: "carebook-admin-password") {
    accessToken
    expiresAt
  }
}

query Catalogue {
  medicalServices { id name category durationMinutes price currency }
}

subscription LiveSchedules {
  scheduleChanged { kind occurredAt slot { id startsAt status doctor { name } } }
}
`;

/** GraphiQL with a field for the access token, which goes in the Authorization header and the WebSocket's connectionParams. */
export function Explorer({ url }: { url: string }) {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const explorer = useMemo(() => createExplorerFetcher(url, token), [url, token]);
  useEffect(() => () => explorer.dispose(), [explorer]);
  useEffect(() => {
    sessionStorage.setItem(TOKEN_KEY, token);
  }, [token]);

  return (
    <div className="explorer">
      <header className="explorer-bar">
        <strong>Carebook API explorer</strong>
        <span className="explorer-endpoint">{url}</span>
        <label>
          Access token
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="paste the accessToken of login or registerPatient"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        {token ? (
          <button type="button" onClick={() => setToken('')}>
            Sign out
          </button>
        ) : null}
      </header>
      <div className="explorer-main">
        <GraphiQL fetcher={explorer.fetcher} defaultQuery={DEFAULT_QUERY} />
      </div>
    </div>
  );
}
