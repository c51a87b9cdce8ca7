import type { authContract, ContractClient, doctorContract, FieldSealer, Logger } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';

/** What an admin operation needs: the request's entity manager, the services it drives, and who is acting. */
export interface AdminOperation {
  em: EntityManager;
  /** The doctor and auth services' contracts, called as admin. */
  doctor: ContractClient<typeof doctorContract>;
  auth: ContractClient<typeof authContract>;
  logger: Logger;
  /** Seals the details of log entries (domain/sealed-columns). */
  sealer: FieldSealer;
  adminId: string;
}
