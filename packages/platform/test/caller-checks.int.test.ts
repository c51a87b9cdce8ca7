import type { MikroORM } from '@mikro-orm/core';
import express from 'express';
import { SignJWT } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { developmentPrivateKey, developmentServiceKeys } from '../src/auth/service-keys';
import { CALLER_HEADER, SERVICE_TOKEN_ISSUER } from '../src/auth/service-token';
import { createServiceTokenVerifier } from '../src/auth/service-token-verifier';
import { createLogger } from '../src/logger';
import { ApolloServer } from '@apollo/server';
import { graphqlCaller } from '../src/server/caller-gate';
import { graphqlHttpHandler } from '../src/server/graphql-http';
import { internalRoute, mountInternalRoutes } from '../src/server/service-calls';
import { clientIpOf, CLIENT_IP_HEADER } from '../src/server/start-subgraph';
import { callerToken, serviceClientAs } from '../src/testing/service-callers';
import { stringMatching } from '../src/testing/typed-matchers';

/** What the two doors answer: an internal route's refusal, or GraphQL's data and errors. */
interface Answer {
  error?: { code: string; message: string; extensions: Record<string, unknown> };
  data?: unknown;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

/**
 * The two doors of a service, as real HTTP: its internal routes (a service
 * token for this service, from a caller on the route's list) and the gate
 * in front of its /graphql (a caller token, or 401 before GraphQL runs).
 */
describe("a service's caller checks", () => {
  let server: http.Server;
  let graphql: ApolloServer<{ caller: string; clientIp: string }>;
  let url: string;
  const handled: string[] = [];

  beforeAll(async () => {
    const app = express();
    const callers = createServiceTokenVerifier(developmentServiceKeys('scheduling'));
    mountInternalRoutes(
      app,
      callers,
      { orm: {} as MikroORM, logger: createLogger('test', 'silent') },
      {
        'book-slot': internalRoute(
          ['appointment'],
          z.object({ slotId: z.string() }),
          async ({ slotId }, { caller }) => {
            handled.push(slotId);
            return { slotId, caller };
          },
        ),
      },
    );
    // /graphql as startSubgraph serves it: the caller gate, then Apollo Server on Node's request (graphql-http).
    graphql = new ApolloServer<{ caller: string; clientIp: string }>({
      typeDefs: 'type Query { caller: String! clientIp: String! }',
      resolvers: {
        Query: {
          caller: (_: unknown, __: unknown, ctx: { caller: string }) => ctx.caller,
          clientIp: (_: unknown, __: unknown, ctx: { clientIp: string }) => ctx.clientIp,
        },
      },
    });
    await graphql.start();
    const serveGraphql = graphqlHttpHandler(graphql, {
      limitBytes: 1000,
      admission: graphqlCaller(callers),
      context: async (req, caller) => ({ caller: caller as string, clientIp: clientIpOf(req, caller as never) }),
    });
    server = http.createServer((req, res) => {
      if (req.url?.startsWith('/graphql')) void serveGraphql(req, res);
      else app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await graphql.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = async (path: string, headers: Record<string, string>, body: unknown = { slotId: 's1' }) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };

  it('serve an internal route to a caller on its list, naming the caller to the handler', async () => {
    expect(
      await serviceClientAs('appointment', { SCHEDULING_URL: url }).call('scheduling', 'book-slot', { slotId: 'ok' }),
    ).toEqual({ slotId: 'ok', caller: 'appointment' });
  });

  it("refuse a Carebook service that is not on the route's list with 403", async () => {
    const refused = await post(
      '/internal/book-slot',
      { [CALLER_HEADER]: await callerToken('billing', 'scheduling') },
      { slotId: 'forbidden' },
    );
    expect(refused).toEqual({
      status: 403,
      body: {
        error: {
          code: 'FORBIDDEN',
          message: 'The scheduling route book-slot is not open to the billing service.',
          extensions: {},
        },
      },
    });
    expect(handled).not.toContain('forbidden');
  });

  it.each<[string, () => Promise<Record<string, string>>]>([
    ['no token', async () => ({})],
    [
      'a token in Authorization only',
      async () => ({ authorization: `Bearer ${await callerToken('appointment', 'scheduling')}` }),
    ],
    ['a token made for another service', async () => ({ [CALLER_HEADER]: await callerToken('appointment', 'doctor') })],
    [
      'a token of one service signed with the key of another',
      async () => ({
        [CALLER_HEADER]: await new SignJWT({})
          .setProtectedHeader({ alg: 'EdDSA', kid: 'appointment' })
          .setSubject('appointment')
          .setAudience('scheduling')
          .setIssuer(SERVICE_TOKEN_ISSUER)
          .setIssuedAt()
          .setExpirationTime('60s')
          .sign(developmentPrivateKey('billing')),
      }),
    ],
  ])('refuse %s with 401 on internal routes and on /graphql', async (_case, headers) => {
    const internal = await post('/internal/book-slot', await headers(), { slotId: 'unauthenticated' });
    expect(internal.status).toBe(401);
    expect(internal.body.error!.code).toBe('UNAUTHENTICATED');
    const graphql = await post('/graphql', await headers(), { query: '{ __typename }' });
    expect(graphql.status).toBe(401);
    expect(graphql.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(handled).not.toContain('unauthenticated');
  });

  it('let /graphql through with a caller token, and believe the client address header from the gateway only', async () => {
    const spoofed = { [CLIENT_IP_HEADER]: '203.0.113.7' };
    const ask = { query: '{ caller clientIp }' };
    expect(
      await post('/graphql', { ...spoofed, [CALLER_HEADER]: await callerToken('gateway', 'scheduling') }, ask),
    ).toEqual({ status: 200, body: { data: { caller: 'gateway', clientIp: '203.0.113.7' } } });
    expect(
      (await post('/graphql', { ...spoofed, [CALLER_HEADER]: await callerToken('appointment', 'scheduling') }, ask))
        .body,
    ).toEqual({ data: { caller: 'appointment', clientIp: '127.0.0.1' } });
  });

  it('answer a bad or oversized /graphql body with a GraphQL error, before GraphQL runs', async () => {
    const caller = { [CALLER_HEADER]: await callerToken('gateway', 'scheduling') };
    const broken = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caller },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    const brokenBody = (await broken.json()) as { errors: unknown[] };
    expect(brokenBody.errors[0]).toMatchObject({
      message: stringMatching(/not valid JSON/),
      extensions: { code: 'BAD_REQUEST' },
    });
    const huge = await post('/graphql', caller, { query: `{ caller ${' '.repeat(2000)}}` });
    expect(huge).toEqual({
      status: 413,
      body: {
        errors: [{ message: 'The request body is larger than 1000 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      },
    });
    const notJson = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...caller },
      body: '{ caller }',
    });
    expect(notJson.status).toBe(400);
  });
});
