import '@fontsource-variable/inter/index.css';
import './styles.css';
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createApollo } from './api/apollo';
import { AppConfigContext } from './api/app-config-context';
import { createApiClient } from './api/carebook';
import { SessionContext } from './api/session-context';
import { createReconnectSignal, ReconnectContext } from './api/reconnect-signal';
import { createSessionStore } from './api/session-store';
import { App } from './app';
import { loadConfig } from './config';
import { createClock } from './i18n/clock';
import { ClockContext } from './i18n/clock-context';
import { AnnouncerProvider } from './ui/announcer';

const config = await loadConfig();
const sessions = createSessionStore();
const reconnects = createReconnectSignal();
const apollo = createApollo(createApiClient(config.graphqlUrl, sessions, { onReconnect: reconnects.emit }));
const clock = createClock(config.clinicTimeZone);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppConfigContext.Provider value={config}>
      <ApolloProvider client={apollo}>
        <SessionContext.Provider value={sessions}>
          <ReconnectContext.Provider value={reconnects}>
            <ClockContext.Provider value={clock}>
              <AnnouncerProvider>
                <BrowserRouter>
                  <App />
                </BrowserRouter>
              </AnnouncerProvider>
            </ClockContext.Provider>
          </ReconnectContext.Provider>
        </SessionContext.Provider>
      </ApolloProvider>
    </AppConfigContext.Provider>
  </StrictMode>,
);
