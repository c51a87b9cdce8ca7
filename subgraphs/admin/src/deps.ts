import type { ContractClient, FieldSealer, Logger, RequestContext, ServiceClient } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { authContract, contractClient, doctorContract, requireRole, Role } from '@carebook/platform';
import type { SystemHealthChecker } from './use-cases/system-health';

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

/** What the admin resolvers need, built once at start and injected. */
export interface AdminDeps {
  services: ServiceClient;
  health: SystemHealthChecker;
  sealer: FieldSealer;
}

/** The signed-in admin's operation context for one request. */
export function adminOperation(deps: AdminDeps, ctx: RequestContext): AdminOperation {
  const admin = requireRole(ctx, Role.ADMIN);
  return {
    em: ctx.em,
    doctor: contractClient(doctorContract, deps.services),
    auth: contractClient(authContract, deps.services),
    logger: ctx.logger,
    sealer: deps.sealer,
    adminId: admin.id,
  };
}
