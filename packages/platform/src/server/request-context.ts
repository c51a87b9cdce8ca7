import type { EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Principal } from '../auth/role';

/** What every resolver gets: a per-request entity manager fork, the caller, and per-request loaders. */
export interface RequestContext {
  em: EntityManager;
  principal: Principal | null;
  requestId: string;
  /** The client's address as the gateway saw it (x-carebook-client-ip), else the socket's. */
  clientIp: string;
  logger: Logger;
  loaders: Map<string, DataLoader<any, any>>;
}
