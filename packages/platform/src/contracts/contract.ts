import { z } from 'zod';
import type { ServiceName } from '../config/services';
import { InternalCallContext, InternalRoute, ServiceClient } from '../server/service-calls';

/**
 * Service-to-service contracts: each internal route of a service is declared
 * once, in `contracts/<service>.ts`: its path, the services that may call it,
 * its input (a zod schema, checked by the serving side before the handler
 * runs) and its output type. The serving side registers its handlers from
 * the declaration (`serveContract`, handlers typed from it) and the calling
 * side gets typed methods from the same declaration (`contractClient`), so
 * neither writes the shapes of the other by hand.
 *
 * Outputs are a type, not a schema checked at run time: the answer comes
 * from a handler that the compiler has already held to that type, and
 * parsing every answer again on each call (slot lists, appointment lists of
 * up to 1,000 rows) would cost the callers CPU on the booking path for no
 * check the compiler has not made.
 */

/** Carries a route's output type; there is nothing in it at run time. */
export interface Returns<T> {
  readonly __returns?: T;
}

/** Names a route's output type: `output: returns<DoctorFacts>()`. */
export function returns<T>(): Returns<T> {
  return {};
}

export interface RouteContract<I extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> {
  /** The route's path under `/internal/` on the serving service. */
  path: string;
  /** The services that may call it; any other caller gets 403 (FORBIDDEN). */
  callers: readonly ServiceName[];
  /** What the caller sends; refused with 400 (BAD_USER_INPUT) naming the field when it does not fit. */
  input: I;
  output: Returns<O>;
}

export interface ServiceContract<R extends Record<string, RouteContract> = Record<string, RouteContract>> {
  /** The service that serves these routes. */
  service: ServiceName;
  routes: R;
}

/** What a route's caller sends (before the schema's defaults and transforms). */
export type RouteInput<R> = R extends RouteContract<infer I, unknown> ? z.input<I> : never;
/** What a route's handler receives (after them). */
export type RouteParsed<R> = R extends RouteContract<infer I, unknown> ? z.output<I> : never;
/** What a route answers. */
export type RouteOutput<R> = R extends RouteContract<z.ZodTypeAny, infer O> ? O : never;

/** Declares one route of a contract. */
export function route<I extends z.ZodTypeAny, O>(declaration: RouteContract<I, O>): RouteContract<I, O> {
  return declaration;
}

/** Declares the internal routes `service` serves. */
export function defineContract<R extends Record<string, RouteContract>>(
  service: ServiceName,
  routes: R,
): ServiceContract<R> {
  const paths = Object.values(routes).map((r) => r.path);
  const repeated = paths.find((path, i) => paths.indexOf(path) !== i);
  if (repeated) throw new Error(`The ${service} contract declares the path ${repeated} twice.`);
  return { service, routes };
}

/** The serving side's handler of every route of a contract, typed from it. */
export type ContractHandlers<C extends ServiceContract> = {
  [K in keyof C['routes']]: (
    input: RouteParsed<C['routes'][K]>,
    ctx: InternalCallContext,
  ) => Promise<RouteOutput<C['routes'][K]>>;
};

/**
 * The internal routes of a contract with their handlers, for
 * `mountInternalRoutes`: it checks the service token, the route's callers
 * and its input exactly as for any internal route.
 */
export function serveContract<C extends ServiceContract>(
  contract: C,
  handlers: ContractHandlers<C>,
): Record<string, InternalRoute<z.ZodTypeAny>> {
  const served: Record<string, InternalRoute<z.ZodTypeAny>> = {};
  for (const [name, declared] of Object.entries(contract.routes)) {
    const handle = handlers[name as keyof C['routes']] as InternalRoute<z.ZodTypeAny>['handle'] | undefined;
    // The compiler asks for every handler; this stops a service at start rather than at the first call.
    if (typeof handle !== 'function')
      throw new Error(`The ${contract.service} route ${declared.path} has no handler (${name}).`);
    served[declared.path] = { callers: declared.callers, input: declared.input, handle };
  }
  return served;
}

/** The calling side of a contract: one method per route, taking its input and answering its output. */
export type ContractClient<C extends ServiceContract> = {
  [K in keyof C['routes']]: (input: RouteInput<C['routes'][K]>) => Promise<RouteOutput<C['routes'][K]>>;
};

/**
 * Typed methods over a ServiceClient: the same call underneath (service
 * token, timeout, the callee's error code and message rethrown), so a
 * refused or failed call surfaces exactly as before.
 */
export function contractClient<C extends ServiceContract>(contract: C, services: ServiceClient): ContractClient<C> {
  const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, declared] of Object.entries(contract.routes))
    methods[name] = (input) => services.call(contract.service, declared.path, input);
  return methods as ContractClient<C>;
}
