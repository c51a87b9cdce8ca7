import type { Logger, RevocationWriter, ServiceClient } from '@carebook/platform';
import type { BackgroundTasks } from './use-cases/background-tasks';
import type { AuthHooks } from './use-cases/login';
import type { LoginThrottle } from './store/login-throttle';
import type { Quota, RequestQuotas } from './store/request-quota';
import type { SessionSettings } from './use-cases/sessions';
import type { Mailer } from './mail/mailer';

/** What the auth resolvers need, built once at start and injected. */
export interface AuthDeps {
  sessions: SessionSettings;
  throttle: LoginThrottle;
  quotas: RequestQuotas;
  /** Registrations per client address, and password-reset requests per address and per email. */
  limits: { registration: Quota; resetPerAddress: Quota; resetPerEmail: Quota };
  revocations: RevocationWriter;
  mailer: Mailer;
  appUrl: string;
  background: BackgroundTasks;
  services: ServiceClient;
  logger: Logger;
  hooks?: AuthHooks;
}
