import type { TypedDocumentNode } from '@carebook/sdk';
import { DocumentNode, print } from 'graphql';
import { Agent, request } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

/** One request of a load run: resolves when its answer is read; throws on a failed or erroneous one. */
export type Shot = () => Promise<void>;

/**
 * Keeps `connections` requests in flight for `seconds` (after `warmUpSeconds`
 * of the same, not counted), like autocannon does: each connection sends its
 * next request as soon as the previous answer is in.
 */
export async function sustain(
  shot: Shot,
  connections: number,
  seconds: number,
  warmUpSeconds = 3,
): Promise<LoadResult> {
  await run(shot, connections, warmUpSeconds);
  return run(shot, connections, seconds);
}

async function run(shot: Shot, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await shot();
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors += 1;
          firstError ??= error;
        }
      }
    }),
  );
  if (firstError) console.error(`  first error: ${String(firstError).slice(0, 300)}`);
  return { requests: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies };
}

const printed = new WeakMap<DocumentNode, string>();

/** A document's text, printed once: printing it per request would add client CPU to what a load run measures. */
function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/**
 * A GraphQL POST of a typed document (the SDK's or bench/src/operations') over a keep-alive pool (undici's request:
 * little client CPU, so the server is what is measured); answers the document's result type.
 */
export function graphqlPoster(connections: number) {
  const dispatcher = new Agent({ connections, keepAliveTimeout: 30_000 });
  return async function post<T, V>(
    url: string,
    document: TypedDocumentNode<T, V>,
    // NoInfer: the document alone says what its variables are.
    variables: NoInfer<V> = {} as NoInfer<V>,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await request(url.endsWith('/graphql') ? url : `${url}/graphql`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: textOf(document), variables }),
    });
    // A GraphQL answer (undici reads it as unknown), `data` of the document's result type. Typed, not parsed: a
    // parse per request would add client CPU to what the load run measures.
    const body = (await response.body.json()) as { data?: T; errors?: unknown[] };
    if (response.statusCode !== 200 || body.errors?.length)
      throw new Error(`${response.statusCode} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
    return body.data as T;
  };
}
