import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, readJsonBody } from './json-body';

export interface GraphqlHttpOptions<C extends BaseContext> {
  /** Largest request body accepted, in bytes; a larger one is refused with 413 before it is parsed. */
  limitBytes: number;
  /**
   * A gate before anything is read (a subgraph's: the caller's service token); none at the gateway, whose clients
   * are anyone. `admit` admits the request or throws; `refusal` turns what it threw into the answer.
   */
  admission?: {
    admit(req: IncomingMessage): Promise<unknown>;
    refusal(error: unknown): { status: number; message: string; code: string };
  };
  /** Answers the request without Apollo (the gateway's cached public answers): true when it did. */
  answerEarly?(req: IncomingMessage, res: ServerResponse, body: unknown): boolean;
  context(req: IncomingMessage, admitted: unknown): Promise<C>;
}

/**
 * Serves Apollo Server on Node's own request and response, without Express:
 * a subgraph's /graphql is called only by the gateway and the services, and
 * the gateway's by clients with JSON, so none of Express's routing, content
 * negotiation, body-parser and ETag layers (a sixth of a subgraph's busy
 * time on a small query, a tenth of the gateway's on a booking) is needed.
 * Does what `@as-integrations/express5` did: JSON bodies up to a limit, the request's
 * headers and query string to Apollo, its status, headers and body back.
 */
export function graphqlHttpHandler<C extends BaseContext>(server: ApolloServer<C>, options: GraphqlHttpOptions<C>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      let admitted: unknown;
      const { admission } = options;
      try {
        admitted = await admission?.admit(req);
      } catch (error) {
        const refusal = admission!.refusal(error);
        return sendErrors(res, refusal.status, refusal.message, refusal.code);
      }
      let body: unknown;
      try {
        body = await readJsonBody(req, options.limitBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge)
          return sendErrors(
            res,
            413,
            `The request body is larger than ${options.limitBytes} bytes.`,
            'PAYLOAD_TOO_LARGE',
          );
        return sendErrors(res, 400, `The request body is not valid JSON: ${(error as Error).message}`, 'BAD_REQUEST');
      }
      if (options.answerEarly?.(req, res, body)) return;
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: query >= 0 ? url.slice(query) : '',
          body,
        },
        context: () => options.context(req, admitted),
      });
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (!res.headersSent) sendErrors(res, 500, 'The request could not be served.', 'INTERNAL_SERVER_ERROR');
      else res.destroy(error as Error);
    }
  };
}

function sendErrors(res: ServerResponse, status: number, message: string, code: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
    .end(body);
}

/** The paths Express served /graphql on: the path itself, with a query string or below it. */
export function isGraphqlPath(url: string | undefined): boolean {
  return url === '/graphql' || url?.startsWith('/graphql?') === true || url?.startsWith('/graphql/') === true;
}
