import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * deploy/healthcheck.cjs, run the way a container runs it: from a folder laid
 * out like the image's /app (the deployed package.json, node_modules with the
 * platform's compiled dist), against a real HTTP server.
 */
const root = join(__dirname, '..', '..');

function imageLike(packageName: string): string {
  const app = mkdtempSync(join(tmpdir(), 'carebook-image-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: packageName }));
  mkdirSync(join(app, 'node_modules', '@carebook'), { recursive: true });
  symlinkSync(join(root, 'packages', 'platform'), join(app, 'node_modules', '@carebook', 'platform'));
  copyFileSync(join(root, 'deploy', 'healthcheck.cjs'), join(app, 'healthcheck.cjs'));
  return app;
}

const check = (app: string, env: Record<string, string>) =>
  new Promise<number>((resolve) => {
    execFile(
      process.execPath,
      ['healthcheck.cjs'],
      { cwd: app, env: { PATH: process.env.PATH ?? '', ...env } },
      (error) => resolve(error ? Number(error.code ?? 1) : 0),
    );
  });

describe('the container health check', () => {
  let server: Server;
  let status = 200;
  let asked: string[] = [];
  let port: number;
  const app = imageLike('@carebook/doctor');

  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      response.writeHead(status).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(app, { recursive: true, force: true });
  });

  beforeEach(() => {
    asked = [];
    status = 200;
  });

  it('passes when the service answers /health on its <SERVICE>_PORT', async () => {
    expect(await check(app, { DOCTOR_PORT: String(port) })).toBe(0);
    expect(asked).toEqual(['/health']);
  });

  it('fails when the service answers /health with an error', async () => {
    status = 503;
    expect(await check(app, { DOCTOR_PORT: String(port) })).toBe(1);
  });

  it("reads the port of the service the image holds, not another service's", async () => {
    // Another service's variable points at the server; the doctor's own default port has nothing on it here
    // (or something that is not this server): the check must not take the gateway's setting for its own.
    expect(
      await check(app, { GATEWAY_PORT: String(port), DOCTOR_PORT: String(port + 1 === 65536 ? port - 1 : port + 1) }),
    ).toBe(1);
    expect(asked).toEqual([]);
  });
});
