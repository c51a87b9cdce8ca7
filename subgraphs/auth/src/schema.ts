import { buildFederatedSchema } from '@carebook/platform';
import { userReference } from './references/user.reference';
import type { AuthDeps } from './deps';
import { SessionResolver } from './resolvers/session.resolver';
import { UserResolver } from './resolvers/user.resolver';

/** The auth subgraph's schema; `deps` may be omitted when only the SDL is needed. */
export function buildAuthSchema(deps?: AuthDeps) {
  return buildFederatedSchema({
    resolvers: [SessionResolver, UserResolver],
    instances: deps ? [new SessionResolver(deps), new UserResolver()] : [],
    references: userReference,
  });
}
