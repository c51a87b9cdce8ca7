import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningWebServer, startWebServer } from './app';
import { loadWebConfig } from './config';

/** The web server over a fake build: what it serves, with which headers. */
describe('the web server', () => {
  let server: RunningWebServer;
  let base: string;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'carebook-web-'));
    mkdirSync(join(dist, 'app/assets'), { recursive: true });
    mkdirSync(join(dist, 'explorer/assets'), { recursive: true });
    writeFileSync(join(dist, 'app/index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'app/assets/index-abc.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    writeFileSync(join(dist, 'explorer/index.html'), '<!doctype html><title>explorer</title>');
    const config = loadWebConfig({
      WEB_PORT: '0',
      WEB_DIST_DIR: dist,
      EXPLORER_DIST_DIR: join(dist, 'explorer'),
      CLINIC_TIME_ZONE: 'Europe/Berlin',
      LOG_LEVEL: 'silent',
    });
    server = await startWebServer(config);
    base = `http://127.0.0.1:${server.port}`;
  });

  afterAll(() => server?.stop());

  it("tells the app where the gateway is (port 4000 of the page's host by default) and the clinic zone", async () => {
    const response = await fetch(`${base}/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      graphqlUrl: 'http://127.0.0.1:4000/graphql',
      clinicTimeZone: 'Europe/Berlin',
    });
  });

  it("answers index.html for the app's paths (email links), never cached", async () => {
    for (const path of ['/', '/appointments/abc/feedback', '/invoices/x']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>app</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets gzipped and cached for a year, and 404s a missing one', async () => {
    const response = await fetch(`${base}/assets/index-abc.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('sends a strict CSP that lets the app reach only itself and the gateway', async () => {
    const csp = (await fetch(`${base}/`)).headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4000 ws://127.0.0.1:4000");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const explorer = await fetch(`${base}/explorer/`);
    expect(await explorer.text()).toContain('<title>explorer</title>');
    expect(explorer.headers.get('content-security-policy')).toContain("worker-src 'self' blob:");
  });

  it('refuses a bad setting with a message naming it', () => {
    expect(() => loadWebConfig({ CLINIC_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      /CLINIC_TIME_ZONE: must be an IANA time zone/,
    );
    expect(() => loadWebConfig({ GRAPHQL_PUBLIC_URL: 'gateway:4000' })).toThrow(/GRAPHQL_PUBLIC_URL/);
  });
});
