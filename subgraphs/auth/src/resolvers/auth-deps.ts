import type { Logger, ServiceClient } from '@carebook/platform';
import type { LoginThrottle } from '../domain/login-throttle';
import type { SessionSettings } from '../domain/sessions';

/** What the auth resolvers need, built once at start and injected. */
export interface AuthDeps {
  sessions: SessionSettings;
  throttle: LoginThrottle;
  services: ServiceClient;
  logger: Logger;
}
