import type { NextFunction, Request, Response } from 'express';
import { CALLER_HEADER } from '../auth/service-token';
import type { ServiceTokenVerifier } from '../auth/service-token-verifier';
import type { ServiceName } from '../config/services';
import { AppError, Unauthenticated } from '../errors/app-errors';

/** The service a request's caller token (CALLER_HEADER) proves; UNAUTHENTICATED without one or with a bad one. */
export async function verifiedCaller(req: Request, verifier: ServiceTokenVerifier, whenMissing: string): Promise<ServiceName> {
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
 * left in `res.locals.caller` for the request context.
 */
export function graphqlCallerGate(verifier: ServiceTokenVerifier) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.caller = await verifiedCaller(req, verifier, `This port serves the Carebook gateway and services only (no ${CALLER_HEADER} token); send GraphQL to the gateway.`);
      next();
    } catch (error) {
      const refusal = error instanceof AppError ? error : new Unauthenticated();
      res.status(401).json({ errors: [{ message: refusal.message, extensions: { code: refusal.extensions.code } }] });
    }
  };
}
