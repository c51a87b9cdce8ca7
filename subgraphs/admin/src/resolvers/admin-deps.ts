import type { FieldSealer, RequestContext, ServiceClient } from '@carebook/platform';
import { authContract, contractClient, doctorContract, requireRole, Role } from '@carebook/platform';
import type { AdminOperation } from '../domain/admin-deps';
import type { SystemHealthChecker } from '../domain/system-health';

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
