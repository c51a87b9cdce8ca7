import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { developmentServiceKeys, ownPrivateKeyVariable, publicJwkOf, SERVICE_NAMES } from '../auth/service-keys';
import { CALLER_HEADER, createServiceTokenSource, ServiceTokenSource } from '../auth/service-token';
import type { ServiceName } from '../config/services';
import { createServiceClient, ServiceClient } from '../server/service-calls';
import { GraphqlOperation, GraphqlResponse, postGraphql, UntypedAnswer } from './graphql-client';

/*
 * Tests act as a named Carebook process explicitly: services started by
 * tests run with the development keys (no SERVICE_PRIVATE_KEY), so the test
 * signs with the development key of the service it stands in for.
 */

const sources = new Map<ServiceName, ServiceTokenSource>();

/** A service token from `from` for `to`, as `from` would send it in CALLER_HEADER. */
export function callerToken(from: ServiceName, to: ServiceName): Promise<string> {
  let source = sources.get(from);
  if (!source) sources.set(from, (source = createServiceTokenSource(developmentServiceKeys(from))));
  return source(to);
}

/** Calls internal routes as `service` does (its development key); `env` says where the targets are (`<SERVICE>_URL`). */
export function serviceClientAs(service: ServiceName, env: NodeJS.ProcessEnv): ServiceClient {
  return createServiceClient(developmentServiceKeys(service), env);
}

/**
 * Posts an operation straight to the `target` subgraph the way the gateway
 * relays a client's: the gateway's caller token for `target` in
 * CALLER_HEADER, the user's access token (if any) in Authorization.
 */
export async function postAsGateway<T = UntypedAnswer, V = Record<string, unknown>>(
  target: ServiceName,
  url: string,
  operation: GraphqlOperation<T, V>,
  variables: NoInfer<V> = {} as NoInfer<V>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  return postGraphql<T, V>(url, operation, variables, token, {
    [CALLER_HEADER]: await callerToken('gateway', target),
    ...headers,
  });
}

/**
 * A fresh key pair for every process, as `pnpm keys:services` makes for a
 * production .env: the variables to run a stack with (each process finds
 * its own `<SERVICE>_SERVICE_PRIVATE_KEY`), and a way to sign as one of them.
 */
export function productionServiceKeys(): {
  env: Record<string, string>;
  callerToken(from: ServiceName, to: ServiceName): Promise<string>;
} {
  const privateKeys = new Map(
    SERVICE_NAMES.map((service) => [service, generateKeyPairSync('ed25519').privateKey] as const),
  );
  const publicKeys = Object.fromEntries(
    [...privateKeys].map(([service, key]) => [service, publicJwkOf(service, createPublicKey(key))]),
  );
  const env: Record<string, string> = { SERVICE_PUBLIC_KEYS: JSON.stringify(publicKeys) };
  for (const [service, key] of privateKeys)
    env[ownPrivateKeyVariable(service)] = JSON.stringify(key.export({ format: 'jwk' }));
  const signers = new Map<ServiceName, ServiceTokenSource>();
  return {
    env,
    callerToken(from, to) {
      let source = signers.get(from);
      if (!source)
        signers.set(
          from,
          (source = createServiceTokenSource({
            self: from,
            privateKey: privateKeys.get(from)!,
            publicKeyOf: () => undefined,
            development: false,
          })),
        );
      return source(to);
    },
  };
}
