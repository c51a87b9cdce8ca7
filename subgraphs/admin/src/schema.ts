import { buildFederatedSchema } from '@carebook/platform';
import { AdminActionLogResolver } from './resolvers/admin-action-log.resolver';
import type { AdminDeps } from './deps';
import { CatalogueAdminResolver } from './resolvers/catalogue-admin.resolver';
import { DoctorAdminResolver } from './resolvers/doctor-admin.resolver';
import { SystemHealthResolver } from './resolvers/system-health.resolver';
import { UserAdminResolver } from './resolvers/user-admin.resolver';

/**
 * The admin subgraph's schema; `deps` may be omitted when only the SDL is
 * needed. It resolves no references: User, Doctor and MedicalService are
 * returned by key for their owners to fill in, and the log is read only
 * through adminActionLog.
 */
export function buildAdminSchema(deps?: AdminDeps) {
  return buildFederatedSchema({
    resolvers: [
      AdminActionLogResolver,
      DoctorAdminResolver,
      CatalogueAdminResolver,
      UserAdminResolver,
      SystemHealthResolver,
    ],
    instances: deps
      ? [
          new AdminActionLogResolver(deps),
          new DoctorAdminResolver(deps),
          new CatalogueAdminResolver(deps),
          new UserAdminResolver(deps),
          new SystemHealthResolver(deps.health),
        ]
      : [],
  });
}
