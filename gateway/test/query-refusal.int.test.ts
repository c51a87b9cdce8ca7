import { RunningService, SERVICE_PORTS } from '@carebook/platform';
import { postGraphql, stringMatching } from '@carebook/platform/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { startGateway } from '../src/app';
import { loadGatewayConfig } from '../src/config';

const DEPTH = 4;
const COST = 30;

/** `{ doctors { appointments { doctor { appointments { ... id } } } } }`, `levels` fields deep. */
function nested(levels: number): string {
  const path = ['doctors', ...Array.from({ length: levels - 2 }, (_, i) => (i % 2 === 0 ? 'appointments' : 'doctor'))];
  return `{ ${path.join(' { ')} { id }${' }'.repeat(path.length)}`;
}

/** The catalogue as a front end might ask for it. graphql-armor's default costs: 2 per object and 1 per scalar, times 1.5 per level; here 17.75. */
const CATALOGUE = '{ doctors { id name specialty location services { id name price } } }';
/** The same with every field of doctors and their services: 33.5. */
const FULL_CATALOGUE =
  '{ doctors { id name specialty bio location active createdAt services { id name category durationMinutes price currency description active } } }';

/**
 * The gateway's query limits (graphql-armor depth and cost rules, set by
 * MAX_QUERY_DEPTH and MAX_QUERY_COST), on the real gateway with the real
 * supergraph. The subgraphs are one stand-in that answers every fetch with
 * an empty list of doctors and counts the fetches: a refused query must not
 * reach any subgraph, an allowed one must.
 */
describe('gateway query limits refuse before any subgraph is asked', () => {
  let gateway: RunningService;
  let subgraph: http.Server;
  let fetches = 0;
  let url: string;

  beforeAll(async () => {
    subgraph = http.createServer((req, res) => {
      fetches += 1;
      req.resume();
      req.on('end', () =>
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ data: { doctors: [] } })),
      );
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const standIn = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}`;
    gateway = await startGateway(
      loadGatewayConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `limits-${randomUUID().slice(0, 8)}`,
        AUTH_JWKS_URL: `${standIn}/.well-known/jwks.json`,
        MAX_QUERY_DEPTH: String(DEPTH),
        MAX_QUERY_COST: String(COST),
        ...Object.fromEntries(Object.keys(SERVICE_PORTS).map((name) => [`${name.toUpperCase()}_URL`, standIn])),
      }),
    );
    url = `${gateway.url}/graphql`;
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    subgraph?.closeAllConnections();
    await new Promise((resolve) => subgraph?.close(resolve));
  });

  /**
   * Answers the query through the gateway, and how many subgraph fetches it caused. The documents are about their
   * depth and cost (one is built to a depth); the answers are compared whole, never read, so they stay unknown.
   */
  async function ask(query: string) {
    const before = fetches;
    const response = await postGraphql<unknown>(url, query);
    return { ...response, fetches: fetches - before };
  }

  it(`answers a query ${DEPTH} levels deep, and refuses one a level deeper before any subgraph is asked`, async () => {
    const atLimit = await ask(nested(DEPTH));
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data).toEqual({ doctors: [] });
    expect(atLimit.fetches).toBe(1);

    const tooDeep = await ask(nested(DEPTH + 1));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.data).toBeUndefined();
    // toMatchObject: exactly one error, with at least this message and code (as objectContaining, typed).
    expect(tooDeep.errors).toMatchObject([
      {
        message: stringMatching(new RegExp(`depth limit of ${DEPTH} exceeded.*Split the query into smaller ones\\.$`)),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(tooDeep.fetches).toBe(0);
  });

  it(`answers a query within a cost of ${COST}, and refuses a costlier one before any subgraph is asked`, async () => {
    const cheap = await ask(CATALOGUE);
    expect(cheap.errors).toBeUndefined();
    expect(cheap.fetches).toBe(1);

    const costly = await ask(FULL_CATALOGUE);
    expect(costly.status).toBe(400);
    expect(costly.errors).toMatchObject([
      {
        message: stringMatching(
          new RegExp(`Query Cost limit of ${COST} exceeded.*Split the query into smaller ones\\.$`),
        ),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(costly.fetches).toBe(0);
  });
});
