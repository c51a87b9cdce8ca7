import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from './subgraph-fetcher';

/** A real HTTP server standing in for a subgraph: echoes what it got, or refuses with a GraphQL error. */
describe("the gateway's subgraph fetcher (undici request, answer read whole)", () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/refuse') {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ errors: [{ message: 'no caller token', extensions: { code: 'UNAUTHENTICATED' } }] }),
          );
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/graphql-response+json; charset=utf-8',
          'cache-control': 'max-age=30, public',
        });
        res.end(
          JSON.stringify({
            data: { method: req.method, auth: req.headers.authorization, body: JSON.parse(body) as unknown },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the request with its headers and hands back status, headers and the JSON body', async () => {
    const response = await subgraphFetcher(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ a }' }),
    });
    expect(response).toMatchObject({ ok: true, status: 200, statusText: 'OK' });
    expect(response.headers.get('cache-control')).toBe('max-age=30, public');
    expect(await response.json()).toEqual({ data: { method: 'POST', auth: 'Bearer t', body: { query: '{ a }' } } });
    // Read again (Apollo's error path reads a clone, then the body): the answer was read once, whole.
    expect(JSON.parse(await response.clone().text())).toMatchObject({ data: { method: 'POST' } });
  });

  it("hands back a refusal with its status and body, for the data source to turn into the subgraph's own error", async () => {
    const response = await subgraphFetcher(`${url}/refuse`, { method: 'POST', headers: {}, body: '{}' });
    expect(response).toMatchObject({ ok: false, status: 401, statusText: 'Unauthorized' });
    expect(await response.json()).toEqual({
      errors: [{ message: 'no caller token', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });
});
