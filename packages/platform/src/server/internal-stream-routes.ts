import express, { Express, Router } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Principal, Role } from '../auth/role';
import { CALLER_HEADER } from '../auth/service-token';
import type { ServiceTokenVerifier } from '../auth/service-token-verifier';
import { bearerToken, TokenVerifier } from '../auth/token-verifier';
import type { ServiceName } from '../config/services';
import { BadUserInput, Forbidden, Unauthenticated } from '../errors/app-errors';
import { verifiedCaller } from './caller-gate';
import { InternalCallContext, sendRouteError } from './service-calls';

/** Where streaming internal routes live: `/internal-streams/<route>`, beside the JSON ones under /internal. */
export const INTERNAL_STREAMS_PATH = '/internal-streams';

export interface InternalStreamContext extends InternalCallContext {
  /** The user the calling service acts for, verified here again from their access token. */
  user: Principal;
}

export interface InternalStreamRoute<I> {
  /** The services that may call the route (403 for others). */
  callers: readonly ServiceName[];
  /** The roles of the users it may be called for (403 for others). */
  roles: readonly Role[];
  contentType: string;
  /** Reads the JSON body; throws BadUserInput for bad input. */
  read(body: Record<string, unknown>): I;
  /** Starts the answer; whatever it throws before returning is answered as a JSON error. */
  open(input: I, ctx: InternalStreamContext): Promise<Readable>;
}

/** What a route reads: a JSON object (express.json lets an array through too). */
const jsonObject = z.record(z.string(), z.unknown());

/** Declares a streaming internal route (see mountInternalStreamRoutes). */
export function internalStreamRoute<I>(route: InternalStreamRoute<I>): InternalStreamRoute<I> {
  return route;
}

/**
 * Mounts `POST /internal-streams/<name>` routes: like the JSON internal routes
 * they answer only a service token for this service from one of the route's
 * callers, and they act only for a user whose access token (Authorization,
 * relayed by the caller) verifies here and has one of the route's roles. A
 * refusal or bad input is a JSON error with its status; otherwise the body
 * is piped out as it is produced, never gathered, and stops when the caller
 * goes away. A failure after the first byte can only abort the transfer.
 */
export function mountInternalStreamRoutes(
  app: Express,
  callers: ServiceTokenVerifier,
  users: TokenVerifier,
  ctx: Omit<InternalCallContext, 'caller'>,
  // Each route's input type is its own (read produces what open takes): the record holds them as unknown, which
  // read and open, declared as methods, accept whatever each route's own input type is.
  routes: Record<string, InternalStreamRoute<unknown>>,
): void {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  for (const [name, route] of Object.entries(routes)) {
    router.post(`/${name}`, async (req, res) => {
      let body: Readable;
      try {
        const caller = await verifiedCaller(
          req,
          callers,
          `Internal routes answer Carebook services only: send a service token for ${callers.self} in ${CALLER_HEADER}.`,
        );
        if (!route.callers.includes(caller))
          throw new Forbidden(`The ${callers.self} route ${name} is not open to the ${caller} service.`);
        const token = bearerToken(req.headers.authorization);
        if (!token)
          throw new Unauthenticated(
            `The ${callers.self} route ${name} acts for a user: relay their access token in Authorization.`,
          );
        const user = await users.verify(token);
        if (!route.roles.includes(user.role))
          throw new Forbidden(`The ${callers.self} route ${name} is for ${route.roles.join(', ')} users only.`);
        const requestBody = jsonObject.safeParse(req.body ?? {});
        if (!requestBody.success)
          throw new BadUserInput(`The ${callers.self} route ${name} reads a JSON object of its input.`);
        const input = route.read(requestBody.data);
        body = await route.open(input, { ...ctx, caller, user });
      } catch (error) {
        sendRouteError(res, error, ctx.logger);
        return;
      }
      res.status(200).type(route.contentType);
      try {
        await pipeline(body, res);
      } catch (error) {
        // The caller hung up (the gateway's client went away), or the source failed mid-way: either way the transfer ends unfinished.
        if (!req.socket.destroyed) ctx.logger.error({ err: error, route: name }, 'internal stream failed');
        res.destroy();
      }
    });
  }
  app.use(INTERNAL_STREAMS_PATH, router);
}
