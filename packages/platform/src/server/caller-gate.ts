import type { IncomingMessage } from 'node:http';
import { CALLER_HEADER } from '../auth/service-token';
import type { ServiceTokenVerifier } from '../auth/service-token-verifier';
import type { ServiceName } from '../config/services';
import { AppError, Unauthenticated } from '../errors/app-errors';

/** The service a request's caller token (CALLER_HEADER) proves; UNAUTHENTICATED without one or with a bad one. */
export async function verifiedCaller(
  req: IncomingMessage,
  verifier: ServiceTokenVerifier,
  whenMissing: string,
): Promise<ServiceName> {
  const raw = req.headers[CALLER_HEADER];
  const token = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!token) throw new Unauthenticated(whenMissing);
  return verifier.verify(token);
}

/**
 * A subgraph's /graphql answers only the gateway and Carebook services:
 * every request (`_entities` and `_service` included) carries a caller
 * token for this service, or is refused with 401 before GraphQL sees it.
 * A user's access token alone is no such proof. The verified caller is
 * handed to the request context.
 */
export function graphqlCaller(verifier: ServiceTokenVerifier) {
  return {
    admit: (req: IncomingMessage) =>
      verifiedCaller(
        req,
        verifier,
        `This port serves the Carebook gateway and services only (no ${CALLER_HEADER} token); send GraphQL to the gateway.`,
      ),
    refusal(error: unknown) {
      const refusal = error instanceof AppError ? error : new Unauthenticated();
      return { status: 401, message: refusal.message, code: String(refusal.extensions.code) };
    },
  };
}
