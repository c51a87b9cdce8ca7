import '@fontsource-variable/inter/index.css';
import './styles.css';
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createApollo } from './api/apollo';
import { createApiClient } from './api/carebook';
import { SessionContext } from './api/session-context';
import { createSessionStore } from './api/session-store';
import { App } from './app';
import { loadConfig } from './config';
import { createClock } from './i18n/clock';
import { ClockContext } from './i18n/clock-context';
import { AnnouncerProvider } from './ui/announcer';

const config = await loadConfig();
const sessions = createSessionStore();
const apollo = createApollo(createApiClient(config.graphqlUrl, sessions));
const clock = createClock(config.clinicTimeZone);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={apollo}>
      <SessionContext.Provider value={sessions}>
        <ClockContext.Provider value={clock}>
          <AnnouncerProvider>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </AnnouncerProvider>
        </ClockContext.Provider>
      </SessionContext.Provider>
    </ApolloProvider>
  </StrictMode>,
);
