import { ApolloServer } from '@apollo/server';
import { bearerToken, createTokenVerifier, graphqlHttpHandler, Principal, Role } from '@carebook/platform';
import { startTestIssuer, TestIssuer } from '@carebook/platform/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayContext } from '../src/gateway-context';
import { createResponseCache, ResponseCache } from '../src/public-cache/response-cache';

/**
 * The gateway's schedule cache (public-cache/response-cache) in a real
 * Apollo Server on the handler the gateway serves /graphql with, wired as
 * the gateway wires it (the cache's answer before Apollo, the plugin inside,
 * real token verification).
 * The schedule queries are stood in for by resolvers that count their
 * executions and say whom they answered, so a stored answer served to the
 * wrong caller shows. The e2e suite runs the real ones.
 */
describe('the gateway response cache, per caller', () => {
  let issuer: TestIssuer;
  let cache: ResponseCache;
  let server: ApolloServer<GatewayContext>;
  let httpServer: http.Server;
  let url: string;
  let invalidationLive = true;
  let executions = 0;
  const tokens: Record<'ann' | 'bob', string> = { ann: '', bob: '' };

  const typeDefs = `
    type Slot { id: ID! answeredFor: String! }
    type Query { availableSlots(doctorId: ID!): [Slot!]! availabilityCalendar(day: String!): [Slot!]! medicalServices: [Slot!]! me: String }
    type Mutation { bookAppointment: Boolean }
  `;
  const answer = (context: GatewayContext) => {
    executions += 1;
    const caller = context.principal?.kind === 'user' ? context.principal.userId : 'anonymous';
    return [{ id: `slot-${executions}`, answeredFor: caller }];
  };
  const resolvers = {
    Query: {
      availableSlots: (_: unknown, { doctorId }: { doctorId: string }, context: GatewayContext) => {
        if (doctorId === 'unknown') {
          executions += 1;
          throw new Error('no such doctor');
        }
        return answer(context);
      },
      availabilityCalendar: (_: unknown, _args: unknown, context: GatewayContext) => answer(context),
      medicalServices: (_: unknown, _args: unknown, context: GatewayContext) => answer(context),
      me: (_: unknown, _args: unknown, context: GatewayContext) => {
        executions += 1;
        return context.principal?.kind === 'user' ? context.principal.userId : null;
      },
    },
    Mutation: { bookAppointment: () => true },
  };

  const SLOTS = 'query($doctorId: ID!) { availableSlots(doctorId: $doctorId) { id answeredFor } }';

  /**
   * Asks as the gateway's clients do; answers the cache header, what was answered and whether the resolvers ran.
   * The schema is this suite's stand-in, so no generated type fits its answers: they are compared whole, never read.
   */
  async function ask(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const before = executions;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    return {
      cache: response.headers.get('x-carebook-cache'),
      data: body.data,
      errors: body.errors,
      executed: executions > before,
    };
  }

  beforeAll(async () => {
    issuer = await startTestIssuer();
    tokens.ann = await issuer.mint({ role: Role.PATIENT, sub: 'ann' });
    tokens.bob = await issuer.mint({ role: Role.PATIENT, sub: 'bob' });
    const verifier = createTokenVerifier({ jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience });
    cache = createResponseCache({ ttlMs: 60_000, invalidationLive: () => invalidationLive });
    server = new ApolloServer<GatewayContext>({ typeDefs, resolvers, plugins: [cache.plugin] });
    await server.start();
    // Served as the gateway serves /graphql: the cache answers before Apollo when it can.
    const serve = graphqlHttpHandler(server, {
      limitBytes: 1024 * 1024,
      answerEarly: cache.serveCached,
      context: async (req): Promise<GatewayContext> => {
        const token = bearerToken(req.headers.authorization);
        const principal: Principal | null = token ? await verifier.verify(token) : null;
        return { token, principal, clientIp: 'test', requestId: 'test' };
      },
    });
    httpServer = http.createServer((req, res) => void serve(req, res));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  });

  beforeEach(() => {
    invalidationLive = true;
    cache.invalidate();
  });

  afterAll(async () => {
    await server?.stop();
    httpServer?.closeAllConnections();
    await new Promise((resolve) => httpServer?.close(resolve));
    await issuer?.stop();
  });

  it("keeps an answer per caller: a repeat is served from the cache, another caller's question is answered afresh", async () => {
    const first = await ask(SLOTS, { doctorId: 'd1' }, tokens.ann);
    expect(first).toMatchObject({ cache: 'miss', executed: true, data: { availableSlots: [{ answeredFor: 'ann' }] } });
    const again = await ask(SLOTS, { doctorId: 'd1' }, tokens.ann);
    expect(again).toEqual({ ...first, cache: 'hit', executed: false });

    const bob = await ask(SLOTS, { doctorId: 'd1' }, tokens.bob);
    expect(bob).toMatchObject({ cache: 'miss', executed: true, data: { availableSlots: [{ answeredFor: 'bob' }] } });
    expect((await ask(SLOTS, { doctorId: 'd1' }, tokens.bob)).data).toEqual(bob.data);
    expect((await ask(SLOTS, { doctorId: 'd1' }, tokens.ann)).data).toEqual(first.data);
    // Other variables are another question.
    expect(await ask(SLOTS, { doctorId: 'd2' }, tokens.ann)).toMatchObject({ cache: 'miss', executed: true });
  });

  it('shares one answer among anonymous callers and never serves it to a signed-in one', async () => {
    const anonymous = await ask(SLOTS, { doctorId: 'd1' });
    expect(anonymous).toMatchObject({ cache: 'miss', data: { availableSlots: [{ answeredFor: 'anonymous' }] } });
    expect(await ask(SLOTS, { doctorId: 'd1' })).toEqual({ ...anonymous, cache: 'hit', executed: false });
    expect(await ask(SLOTS, { doctorId: 'd1' }, tokens.ann)).toMatchObject({
      cache: 'miss',
      executed: true,
      data: { availableSlots: [{ answeredFor: 'ann' }] },
    });
    // And a signed-in caller's answer is not everyone's.
    await ask('{ availabilityCalendar(day: "2030-01-07") { id answeredFor } }', {}, tokens.bob);
    expect(await ask('{ availabilityCalendar(day: "2030-01-07") { id answeredFor } }')).toMatchObject({
      cache: 'miss',
      data: { availabilityCalendar: [{ answeredFor: 'anonymous' }] },
    });
  });

  it('keeps the catalogue too, alone or with the calendar, per caller', async () => {
    expect(await ask('{ medicalServices { id answeredFor } }')).toMatchObject({ cache: 'miss', executed: true });
    expect(await ask('{ medicalServices { id answeredFor } }')).toMatchObject({
      cache: 'hit',
      executed: false,
      data: { medicalServices: [{ answeredFor: 'anonymous' }] },
    });
    expect(await ask('{ medicalServices { id answeredFor } }', {}, tokens.ann)).toMatchObject({
      cache: 'miss',
      executed: true,
      data: { medicalServices: [{ answeredFor: 'ann' }] },
    });
    const both = '{ medicalServices { id } availabilityCalendar(day: "2030-01-08") { id } }';
    expect(await ask(both)).toMatchObject({ cache: 'miss', executed: true });
    expect(await ask(both)).toMatchObject({ cache: 'hit', executed: false });
  });

  it('keeps only answers without errors, and only of the public queries', async () => {
    for (let i = 0; i < 2; i++)
      expect(await ask(SLOTS, { doctorId: 'unknown' }, tokens.ann)).toMatchObject({
        cache: 'miss',
        executed: true,
        errors: [expect.anything()],
      });
    for (let i = 0; i < 2; i++)
      expect(await ask('{ me }', {}, tokens.ann)).toMatchObject({ cache: null, executed: true, data: { me: 'ann' } });
    // A public question asked together with another field is not a public answer.
    for (let i = 0; i < 2; i++)
      expect(
        await ask(
          'query($doctorId: ID!) { me availableSlots(doctorId: $doctorId) { id } }',
          { doctorId: 'd1' },
          tokens.ann,
        ),
      ).toMatchObject({ cache: null, executed: true });
  });

  it('forgets every answer after a mutation or a schedule change, and serves none while changes cannot be heard', async () => {
    await ask(SLOTS, { doctorId: 'd1' }, tokens.ann);
    await ask(SLOTS, { doctorId: 'd1' });
    await ask('mutation { bookAppointment }', {}, tokens.bob);
    expect(await ask(SLOTS, { doctorId: 'd1' }, tokens.ann)).toMatchObject({ cache: 'miss', executed: true });
    expect(await ask(SLOTS, { doctorId: 'd1' })).toMatchObject({ cache: 'miss', executed: true });

    cache.invalidate();
    expect(await ask(SLOTS, { doctorId: 'd1' }, tokens.ann)).toMatchObject({ cache: 'miss', executed: true });

    invalidationLive = false;
    for (let i = 0; i < 2; i++) {
      expect(await ask(SLOTS, { doctorId: 'd1' }, tokens.ann)).toMatchObject({ cache: null, executed: true });
      expect(await ask(SLOTS, { doctorId: 'd1' })).toMatchObject({ cache: null, executed: true });
    }
  });
});
