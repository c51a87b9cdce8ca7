import type { EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Principal } from '../auth/role';
import type { ServiceName } from '../config/services';

/** What every resolver gets: a per-request entity manager fork, the user and the relaying service, and per-request loaders. */
export interface RequestContext {
  em: EntityManager;
  /** The signed-in user (their access token), or null. */
  principal: Principal | null;
  /** The Carebook process that sent the request, proven by its service token: the gateway, or a service. */
  caller: ServiceName;
  requestId: string;
  /** The client's address as the gateway saw it (x-carebook-client-ip, from the gateway only), else the socket's. */
  clientIp: string;
  logger: Logger;
  loaders: Map<string, DataLoader<unknown, unknown>>;
}
