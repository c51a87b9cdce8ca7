import type { Request, Response } from 'express';
import type express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { Agent, request } from 'undici';
import { z } from 'zod';
import type { ServiceKeys } from '../auth/service-keys';
import { CALLER_HEADER, createServiceTokenSource } from '../auth/service-token';
import type { ServiceTokenVerifier } from '../auth/service-token-verifier';
import { ServiceName, serviceUrl } from '../config/services';
import {
  AppError,
  ErrorCode,
  InternalError,
  isErrorCode,
  Forbidden,
  BadUserInput,
  NotFound,
} from '../errors/app-errors';
import { verifiedCaller } from './caller-gate';
import { BodyTooLarge, readJsonBody } from './json-body';

/**
 * Service-to-service calls: JSON over HTTP to `<service>/internal/<route>`,
 * carrying a short-lived service token made for that one service (in
 * CALLER_HEADER). These endpoints are not part of the supergraph; each
 * route names the services that may call it.
 */
export interface ServiceClient {
  call<T = unknown>(target: ServiceName, route: string, body?: unknown): Promise<T>;
}

/** The HTTP status an error code is answered with on internal routes (and the gateway's plain HTTP endpoints). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LIMIT_REACHED: 409,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * One keep-alive pool per process for every service call (and the gateway's
 * subgraph requests). undici's request() rather than the global fetch: the
 * same HTTP client without the web-streams layer, about a fifth of the CPU
 * per call. Like fetch, it retires an idle socket before the server would
 * close it (no ECONNRESET on a reused socket). At most 64 sockets per
 * service: in a burst (a campaign's 2,000 bookings at once) the calls wait
 * here, in order, instead of as thousands of connections in the callee's
 * accept queue and socket buffers, where a request not read within the
 * server's headers timeout is reset. A connection not made within 5 s
 * fails the call, as an answer not begun or a body stalled for the call's
 * timeout does (undici's own timers: see `call`).
 */
export const serviceDispatcher = new Agent({ connections: 64, connect: { timeout: 5000 } });

/** Calls other services as `keys.self`, signing with that service's own key. */
export function createServiceClient(
  keys: ServiceKeys,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 5000,
): ServiceClient {
  const token = createServiceTokenSource(keys);
  return {
    async call<T>(target: ServiceName, route: string, body: unknown = {}): Promise<T> {
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(`${serviceUrl(target, env)}/internal/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CALLER_HEADER]: await token(target) },
          body: JSON.stringify(body),
          // undici's timers, cleared with the answer: AbortSignal.timeout's fires for every call once its time is up,
          // answered or not, building an abort error each time (4% of a reminder worker's CPU went to them).
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          dispatcher: serviceDispatcher,
        });
      } catch {
        throw new InternalError(`The ${target} service is not reachable right now; please try again shortly.`);
      }
      const payload = (await response.body.json().catch(() => ({}))) as {
        result?: T;
        error?: { code?: string; message?: string; extensions?: Record<string, unknown> };
      };
      if (response.statusCode >= 200 && response.statusCode < 300) return payload.result as T;
      const code = isErrorCode(payload.error?.code) ? payload.error.code : 'INTERNAL_SERVER_ERROR';
      throw new AppError(
        code,
        payload.error?.message ?? `The ${target} service failed; please try again.`,
        payload.error?.extensions,
      );
    },
  };
}

export interface InternalCallContext {
  caller: ServiceName;
  orm: MikroORM;
  logger: Logger;
}

export type InternalRoute<S extends z.ZodTypeAny> = {
  /** The services that may call the route; any other caller gets 403. */
  callers: readonly ServiceName[];
  input: S;
  handle(input: z.infer<S>, ctx: InternalCallContext): Promise<unknown>;
};

/** Declares an internal route: who may call it, its zod-validated input, what it does. */
export function internalRoute<S extends z.ZodTypeAny>(
  callers: readonly ServiceName[],
  input: S,
  handle: (input: z.infer<S>, ctx: InternalCallContext) => Promise<unknown>,
): InternalRoute<S> {
  return { callers, input, handle };
}

/** Largest JSON body an internal route reads. */
const INTERNAL_BODY_LIMIT = 1024 * 1024;

/** An internal route served on Node's own request and response. */
export type NodeRouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The internal routes a service registered on its Express app, by path
 * (`/internal/<name>`), kept in the app's locals (undefined before any):
 * startSubgraph serves them straight on Node's request, as it does
 * /graphql, so a service call skips Express's routing and body-parser
 * (measured: 7% of scheduling's busy time in a rush for slots).
 */
export function nodeInternalRoutes(app: express.Express): Map<string, NodeRouteHandler> | undefined {
  return (app.locals as InternalRouteLocals).internalRoutes;
}

interface InternalRouteLocals {
  internalRoutes?: Map<string, NodeRouteHandler>;
}

/**
 * Mounts `/internal/<name>` routes that accept only a service token made
 * for this service (401 otherwise) from one of the route's callers (403
 * otherwise), validate their body and answer `{ result }` or
 * `{ error: { code, message } }`. startSubgraph dispatches them on Node's
 * request (nodeInternalRoutes); Express serves them where nothing does
 * (a test's bare app) and answers any other /internal path: 401 without a
 * caller token, else 404.
 */
export function mountInternalRoutes(
  app: express.Express,
  callers: ServiceTokenVerifier,
  ctx: Omit<InternalCallContext, 'caller'>,
  routes: Record<string, InternalRoute<z.ZodTypeAny>>,
): void {
  const missingToken = `Internal routes answer Carebook services only: send a service token for ${callers.self} in ${CALLER_HEADER}.`;
  const locals = app.locals as InternalRouteLocals;
  if (!locals.internalRoutes) {
    const registry = new Map<string, NodeRouteHandler>();
    locals.internalRoutes = registry;
    // Looked up when a request comes, so routes mounted by a later call are served too.
    app.use('/internal', (req: Request, res: Response) => {
      const serve = req.method === 'POST' ? registry.get(`/internal${req.path}`) : undefined;
      if (serve) return void serve(req, res);
      verifiedCaller(req, callers, missingToken).then(
        () => sendRouteError(res, new NotFound('The internal route', req.path), ctx.logger),
        (error: unknown) => sendRouteError(res, error, ctx.logger),
      );
    });
  }
  for (const [name, route] of Object.entries(routes)) {
    locals.internalRoutes.set(`/internal/${name}`, async (req, res) => {
      try {
        const caller = await verifiedCaller(req, callers, missingToken);
        if (!route.callers.includes(caller))
          throw new Forbidden(`The ${callers.self} route ${name} is not open to the ${caller} service.`);
        const parsed = route.input.safeParse((await internalBody(req)) ?? {});
        if (!parsed.success) {
          throw new BadUserInput(
            parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
          );
        }
        const result = await route.handle(parsed.data, { ...ctx, caller });
        sendJson(res, 200, { result: result ?? null });
      } catch (error) {
        sendRouteError(res, error, ctx.logger);
      }
    });
  }
}

/** The route's JSON body; too large or malformed is the caller's bad input. */
async function internalBody(req: IncomingMessage): Promise<unknown> {
  try {
    return await readJsonBody(req, INTERNAL_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLarge)
      throw new BadUserInput(`The request body is larger than ${INTERNAL_BODY_LIMIT} bytes.`);
    throw new BadUserInput(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

/** The body of an internal route's refusal or failure. */
export interface RouteErrorBody {
  error: { code: ErrorCode; message: string; extensions?: Record<string, unknown> };
}

/** Answers a refused or failed internal request as `{ error: { code, message } }` with the code's HTTP status. */
export function sendRouteError(res: ServerResponse, error: unknown, logger: Logger): void {
  if (error instanceof AppError && error.code !== 'INTERNAL_SERVER_ERROR') {
    const { code, ...extensions } = error.extensions as Record<string, unknown>;
    sendJson(res, HTTP_STATUS[error.code], {
      error: { code: error.code, message: error.message, extensions },
    } satisfies RouteErrorBody);
    return;
  }
  logger.error({ err: error }, 'internal route failed');
  sendJson(res, 500, {
    error: {
      code: 'INTERNAL_SERVER_ERROR',
      message: error instanceof AppError ? error.message : 'Something went wrong on our side.',
    },
  } satisfies RouteErrorBody);
}
