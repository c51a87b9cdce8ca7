import { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse, HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from '../gateway-context';

/**
 * The queries everyone who opens the booking pages asks, identically: the
 * calendar and free slots (they change with the schedule), and the catalogue
 * and the doctor list (they change with the doctor directory; a doctor's
 * rating and weekly hours come along). Every change to them is announced on
 * the channels the gateway listens to, or passes through a gateway as a
 * mutation; ratings, which change with feedback submitted through another
 * gateway, may lag by the TTL. Anything else is never cached.
 */
export const PUBLIC_QUERIES: ReadonlySet<string> = new Set([
  'availabilityCalendar',
  'availableSlots',
  'medicalServices',
  'medicalService',
  'doctors',
  'doctor',
  'locations',
  'location',
]);

const MAX_ENTRIES = 1000;
const SHARED_WAIT_MS = 10_000;
const PUBLIC = 'public';

export interface ResponseCacheOptions {
  ttlMs: number;
  /** False while schedule changes cannot reach us (Redis down): then nothing is served from the cache. */
  invalidationLive(): boolean;
}

export interface ResponseCache {
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Before Apollo: answers an anonymous repeat of a cached query with the stored JSON text; true when it did. */
  serveCached(req: IncomingMessage, res: ServerResponse, body: unknown): boolean;
  /** Forgets every answer: a schedule changed. */
  invalidate(): void;
  stats(): { hits: number; misses: number; shared: number };
}

interface Entry {
  result: FormattedExecutionResult;
  /** The result as Apollo Server would send it, encoded once. */
  body: Buffer;
  expiresAt: number;
}

/**
 * Short-lived answers for the public queries, dropped the moment any
 * schedule or directory entry changes (the outbox's pub/sub events, and any mutation passing
 * through this gateway) and in any case after `ttlMs`. Identical queries
 * asked at the same time share one execution. Answers are kept per caller
 * (anonymous callers share theirs), and only answers without errors.
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<FormattedExecutionResult | null>>();
  // Bumped by every invalidation: an execution that started before a change must not store its (older) answer.
  let generation = 0;
  const counts = { hits: 0, misses: 0, shared: 0 };
  const enabled = () => options.ttlMs > 0 && options.invalidationLive();

  function fresh(key: string): Entry | undefined {
    const entry = entries.get(key);
    return entry && entry.expiresAt > Date.now() ? entry : undefined;
  }

  function remember(key: string, result: FormattedExecutionResult) {
    entries.delete(key);
    entries.set(key, {
      result,
      body: Buffer.from(`${JSON.stringify(result)}\n`),
      expiresAt: Date.now() + options.ttlMs,
    });
    // Maps iterate in insertion order: the first key is the oldest answer.
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }

  function invalidate() {
    generation += 1;
    entries.clear();
  }

  function keyOf(rc: GraphQLRequestContext<GatewayContext>): string | null {
    if (!enabled() || !isPublicQuery(rc.operation)) return null;
    const user = rc.contextValue.principal;
    const scope = user ? `user:${user.userId}` : PUBLIC;
    return cacheKey(scope, rc.request.operationName, rc.request.query, rc.request.variables);
  }

  const serveCached = (req: IncomingMessage, res: ServerResponse, parsed: unknown): boolean => {
    const body = parsed as { query?: unknown; operationName?: unknown; variables?: unknown } | undefined;
    if (req.method !== 'POST' || req.headers.authorization || typeof body?.query !== 'string' || !enabled())
      return false;
    const entry = fresh(
      cacheKey(
        PUBLIC,
        body.operationName as string | undefined,
        body.query,
        body.variables as Record<string, unknown> | undefined,
      ),
    );
    if (!entry) return false;
    counts.hits += 1;
    // Written as is, encoded once when it was stored.
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': entry.body.length,
      'x-carebook-cache': 'hit',
    });
    res.end(entry.body);
    return true;
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      let key: string | null = null;
      let startedAt = 0;
      let settle: ((result: FormattedExecutionResult | null) => void) | undefined;
      let outcome: 'hit' | 'miss' | undefined;
      return {
        async responseForOperation(rc) {
          key = keyOf(rc);
          if (!key) return null;
          const cached = fresh(key);
          if (cached) {
            counts.hits += 1;
            outcome = 'hit';
            return answer(cached.result);
          }
          const running = inFlight.get(key);
          if (running) {
            // Wait for the identical execution in progress, but never longer than a request of our own would take.
            const result = await Promise.race([
              running,
              new Promise<null>((resolve) => setTimeout(resolve, SHARED_WAIT_MS, null).unref()),
            ]);
            if (result) {
              counts.shared += 1;
              outcome = 'hit';
              return answer(result);
            }
          }
          counts.misses += 1;
          outcome = 'miss';
          startedAt = generation;
          inFlight.set(key, new Promise((resolve) => (settle = resolve)));
          return null;
        },
        async willSendResponse(rc) {
          // Read your own writes: the change's event may reach us after this response does.
          if (rc.operation?.operation === 'mutation') invalidate();
          if (outcome) rc.response.http.headers.set('x-carebook-cache', outcome);
          if (outcome !== 'miss' || !key) return;
          const body = rc.response.body;
          const result = body.kind === 'single' && !body.singleResult.errors?.length ? body.singleResult : null;
          const current = startedAt === generation;
          if (result && current) remember(key, result);
          inFlight.delete(key);
          settle?.(current ? result : null);
        },
      };
    },
  };

  return { plugin, serveCached, invalidate, stats: () => ({ ...counts }) };
}

function cacheKey(
  scope: string,
  operationName: string | null | undefined,
  query: string | undefined,
  variables: Record<string, unknown> | undefined,
): string {
  return createHash('sha256')
    .update(`${scope}\n${operationName ?? ''}\n${query ?? ''}\n${JSON.stringify(variables ?? {})}`)
    .digest('base64url');
}

function isPublicQuery(operation: OperationDefinitionNode | undefined): boolean {
  if (operation?.operation !== 'query') return false;
  return operation.selectionSet.selections.every((s) => s.kind === 'Field' && PUBLIC_QUERIES.has(s.name.value));
}

function answer(result: FormattedExecutionResult): GraphQLResponse {
  return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
}
