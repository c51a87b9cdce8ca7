import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { developmentServiceKeys } from '../src/auth/service-keys';
import { CALLER_HEADER } from '../src/auth/service-token';
import { createServiceTokenVerifier } from '../src/auth/service-token-verifier';
import { AppError } from '../src/errors/app-errors';
import { createServiceClient } from '../src/server/service-calls';

/** The appointment service's keys: the calls below are its calls to scheduling. */
const appointment = developmentServiceKeys('appointment');

/** A real HTTP server standing in for another service's internal routes. */
function answering(handle: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => handle(req, body, res));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const failure = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error: AppError) => ({
      type: error.constructor.name,
      code: error.code,
      message: error.message,
      extensions: error.extensions,
    }),
  );

describe('service calls', () => {
  let server: Server;
  const seen: Array<{ url?: string; caller?: string; authorization?: string; body: string }> = [];

  beforeAll(async () => {
    server = await answering((req, body, res) => {
      seen.push({
        url: req.url,
        caller: req.headers[CALLER_HEADER] as string | undefined,
        authorization: req.headers.authorization,
        body,
      });
      if (req.url === '/internal/ok') json(res, 200, { result: { echoed: JSON.parse(body) as unknown } });
      else if (req.url === '/internal/taken')
        json(res, 409, {
          error: { code: 'CONFLICT', message: 'This slot has just been taken.', extensions: { reason: 'TAKEN' } },
        });
      else if (req.url === '/internal/broken') res.writeHead(502).end('bad gateway');
      else if (req.url === '/internal/odd-code') json(res, 500, { error: { code: 'TEAPOT', message: 'odd' } });
      // /internal/silent never answers
    });
    server.keepAliveTimeout = 1000;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts JSON with a service token made for the target and answers the result', async () => {
    const client = createServiceClient(appointment, { SCHEDULING_URL: urlOf(server) });
    expect(await client.call('scheduling', 'ok', { slotId: 's1' })).toEqual({ echoed: { slotId: 's1' } });
    expect(await client.call('scheduling', 'ok')).toEqual({ echoed: {} });
    expect(seen[0]).toMatchObject({ url: '/internal/ok', body: '{"slotId":"s1"}', authorization: undefined });
    expect(await createServiceTokenVerifier(developmentServiceKeys('scheduling')).verify(seen[0].caller!)).toBe(
      'appointment',
    );
    await expect(
      createServiceTokenVerifier(developmentServiceKeys('doctor')).verify(seen[0].caller!),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('maps refusals to the same AppError, anything else to INTERNAL_SERVER_ERROR', async () => {
    const client = createServiceClient(appointment, { SCHEDULING_URL: urlOf(server) });
    expect(await failure(client.call('scheduling', 'taken'))).toMatchObject({
      type: 'AppError',
      code: 'CONFLICT',
      message: 'This slot has just been taken.',
      extensions: { reason: 'TAKEN' },
    });
    expect(await failure(client.call('scheduling', 'broken'))).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'The scheduling service failed; please try again.',
    });
    expect(await failure(client.call('scheduling', 'odd-code'))).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'odd',
    });
  });

  it('answers "not reachable" for a service that is down or does not answer in time', async () => {
    const down = await answering(() => undefined);
    const downUrl = urlOf(down);
    await new Promise((resolve) => down.close(resolve));
    const message = 'The scheduling service is not reachable right now; please try again shortly.';
    expect(
      await failure(createServiceClient(appointment, { SCHEDULING_URL: downUrl }).call('scheduling', 'ok')),
    ).toMatchObject({ type: 'InternalError', code: 'INTERNAL_SERVER_ERROR', message });
    const started = Date.now();
    const slow = createServiceClient(appointment, { SCHEDULING_URL: urlOf(server) }, 300);
    expect(await failure(slow.call('scheduling', 'silent'))).toMatchObject({ type: 'InternalError', message });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reuses keep-alive sockets without ever hitting one the server has just closed', async () => {
    const client = createServiceClient(appointment, { SCHEDULING_URL: urlOf(server) });
    // Pauses around the server's keep-alive timeout (1 s): a reused socket closed under the request would fail it.
    for (const pause of [0, 900, 980, 1000, 1020, 1100]) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      expect(await client.call('scheduling', 'ok', { pause })).toEqual({ echoed: { pause } });
    }
  }, 20_000);
});
