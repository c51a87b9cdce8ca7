import { RunningService, Role } from '@carebook/platform';
import {
  liveClient,
  postGraphql,
  startTestIssuer,
  TestIssuer,
  untilSubscribed,
  productionServiceKeys,
} from '@carebook/platform/testing';
import { randomBytes } from 'node:crypto';
import { startGateway } from '../src/app';
import { loadGatewayConfig } from '../src/config';

/**
 * The real gateway (composed supergraph, graphql-ws, Redis) with small
 * limits: a subscription over WebSocket meets the same size, depth, alias
 * and cost limits as a query over HTTP, and in production no error carries
 * "Did you mean ...?" suggestions. Nothing here reaches a subgraph: every
 * document is refused (or accepted) at validation.
 */
describe('gateway limits over HTTP and WebSocket, and errors without schema hints in production', () => {
  let issuer: TestIssuer;
  let development: RunningService;
  let production: RunningService;
  let adminToken: string;
  const clients: Array<ReturnType<typeof liveClient>> = [];

  const start = (nodeEnv: 'development' | 'production') =>
    startGateway(
      loadGatewayConfig({
        ...process.env,
        NODE_ENV: nodeEnv,
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        AUTH_JWKS_URL: issuer.jwksUrl,
        REDIS_PREFIX: `test-gateway-limits-${randomBytes(3).toString('hex')}`,
        MAX_QUERY_DEPTH: '3',
        MAX_QUERY_ALIASES: '2',
        MAX_QUERY_COST: '200',
        // A complete production configuration: service keys of its own and a Redis URL with a password
        // (a Redis without one accepts it; ioredis only warns).
        ...(nodeEnv === 'production'
          ? {
              ...productionServiceKeys().env,
              REDIS_URL: `redis://:unused-password@${new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').host}`,
            }
          : {}),
      }),
    );

  beforeAll(async () => {
    issuer = await startTestIssuer();
    development = await start('development');
    production = await start('production');
    adminToken = await issuer.mint({ role: Role.ADMIN });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await development?.stop();
    await production?.stop();
    await issuer?.stop();
  });

  const subscribeTo = (gateway: RunningService, query: string) => {
    const client = liveClient(`${gateway.url}/graphql`, adminToken);
    clients.push(client);
    return { client, subscription: client.subscribe(query) };
  };

  // Every document here is refused, misspelt or answered without being read: answers stay unknown.

  /** The errors a refused subscription ends with. */
  async function refusal(gateway: RunningService, query: string): Promise<string[]> {
    const { subscription } = subscribeTo(gateway, query);
    const { error } = await subscription.ended;
    expect(Array.isArray(error)).toBe(true);
    return (error as Array<{ message: string }>).map((e) => e.message);
  }

  const DEEP = 'subscription { scheduleChanged { slot { doctor { name } } } }';
  const ALIASED =
    'subscription { a: scheduleChanged { kind } b: scheduleChanged { kind } c: scheduleChanged { kind } }';
  const COSTLY = `subscription { scheduleChanged { ${'kind occurredAt '.repeat(100)} } }`;

  it.each([
    ['depth', DEEP, /depth/i],
    ['aliases', ALIASED, /aliases/i],
    ['cost', COSTLY, /cost/i],
  ])(
    'refuses a subscription over the %s limit with the message HTTP gives a query',
    async (_limit, document, message) => {
      const messages = await refusal(development, document);
      expect(messages.join(' ')).toMatch(message);
      const overHttp = await postGraphql<unknown>(
        development.url,
        document.replace(/^subscription/, 'query'),
        {},
        adminToken,
      );
      expect(overHttp.errors?.map((e) => e.message).join(' ')).toMatch(message);
    },
  );

  it('accepts a subscription within every limit', async () => {
    subscribeTo(development, 'subscription { scheduleChanged { kind occurredAt slot { id } } }');
    await untilSubscribed(`${development.url}/graphql`, 1);
  });

  it('closes a WebSocket whose message is over the size limit (1 MiB), as HTTP refuses such a body', async () => {
    const huge = `subscription { scheduleChanged { kind } } # ${'x'.repeat(1024 * 1024)}`;
    const { client, subscription } = subscribeTo(development, huge);
    await subscription.ended;
    expect(client.closes.map((close) => close.code)).toContain(1009);
    const overHttp = await fetch(`${development.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: huge }),
    });
    expect(overHttp.status).toBe(413);
    expect(await overHttp.json()).toEqual({
      errors: [
        { message: 'The request body is larger than 1048576 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } },
      ],
    });
  });

  it('answers a malformed body, a preflight and a cross-origin request on /graphql as a client can use them', async () => {
    const malformed = await fetch(`${development.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ medicalServices { id } }"',
    });
    expect(malformed.status).toBe(400);
    const refusal = (await malformed.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(refusal.errors.map((e) => e.extensions.code)).toEqual(['BAD_REQUEST']);
    expect(refusal.errors[0].message).toMatch(/^The request body is not valid JSON/);

    // Development answers any origin (CORS_ORIGINS unset); production only the listed ones (none here).
    const origin = 'http://localhost:5173';
    const preflight = await fetch(`${development.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const typo = await fetch(`${development.url}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ doctorz { id } }' }),
    });
    expect([typo.status, typo.headers.get('access-control-allow-origin')]).toEqual([400, origin]);
    const elsewhere = await fetch(`${production.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names no field in its errors in production ("Did you mean"), over HTTP and WebSocket; development still helps', async () => {
    const TYPO = '{ doctorz(id: "1") { id } }';
    const developmentAnswer = await postGraphql<unknown>(development.url, TYPO);
    expect(developmentAnswer.errors![0].message).toMatch(/Did you mean "doctor/);

    const productionAnswer = await postGraphql<unknown>(production.url, TYPO);
    expect(productionAnswer.errors![0]).toMatchObject({
      message: 'Cannot query field "doctorz" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const BOOK = 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { __typename } }';
    const misspelt = { input: { slotid: '1', serviceId: '2' } };
    expect(JSON.stringify((await postGraphql<unknown>(development.url, BOOK, misspelt)).errors)).toMatch(
      /Did you mean \\"slotId\\"/,
    );
    const variables = await postGraphql<unknown>(production.url, BOOK, misspelt);
    expect(variables.errors?.map((error) => error.message).join(' ')).toMatch(
      /Field "slotid" is not defined by type "BookAppointmentInput"\.($| )/,
    );
    expect(JSON.stringify(variables.errors)).not.toMatch(/Did you mean/);

    expect((await refusal(development, 'subscription { scheduleChangd { kind } }')).join(' ')).toMatch(
      /Did you mean "scheduleChanged"/,
    );
    const overWebSocket = await refusal(production, 'subscription { scheduleChangd { kind } }');
    expect(overWebSocket).toEqual(['Cannot query field "scheduleChangd" on type "Subscription".']);
  });
});
