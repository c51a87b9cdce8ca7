import type { FieldSealer, Logger, ServiceClient } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';

/** What an admin operation needs: the request's entity manager, the services it drives, and who is acting. */
export interface AdminOperation {
  em: EntityManager;
  services: ServiceClient;
  logger: Logger;
  /** Seals the details of log entries (domain/sealed-columns). */
  sealer: FieldSealer;
  adminId: string;
}
