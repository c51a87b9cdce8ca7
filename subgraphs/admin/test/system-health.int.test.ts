import { allQueueNames, ServiceName, SERVICE_PORTS } from '@carebook/platform';
import { anyNumber } from '@carebook/platform/testing';
import { Queue } from 'bullmq';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { HEALTH_TIMEOUT_MS, systemHealthChecker } from '../src/use-cases/system-health';

/** A local HTTP server answering /health with `status`, or never answering at all. */
async function healthServer(status: number | 'hang'): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    if (status === 'hang') return; // holds the request open: the checker must give up on its own
    res.statusCode = status;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('system health checks (real HTTP servers and Redis)', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `test-health-${process.pid}-${randomBytes(3).toString('hex')}`;
  const servers: Array<{ url: string; close(): Promise<void> }> = [];
  let queue: Queue;

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  it('reports UP with latency, DOWN for an error, a hang (after the timeout, without failing) or a closed port, and queue counts', async () => {
    const [up, failing, hanging] = await Promise.all([healthServer(200), healthServer(503), healthServer('hang')]);
    servers.push(up, failing, hanging);
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      (Object.keys(SERVICE_PORTS) as ServiceName[]).map((name) => [`${name.toUpperCase()}_URL`, up.url]),
    );
    env.DOCTOR_URL = failing.url;
    env.PATIENT_URL = hanging.url;
    env.BILLING_URL = 'http://127.0.0.1:9'; // nothing listens there
    const redis = new URL(redisUrl);
    queue = new Queue('billing', { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix });
    await queue.add('APPOINTMENT_COMPLETED', { id: 'x' }, { jobId: 'waiting-job' });
    await queue.add('APPOINTMENT_COMPLETED', { id: 'y' }, { jobId: 'delayed-job', delay: 60_000 });

    const checker = systemHealthChecker({ redisUrl, prefix, env });
    try {
      const started = Date.now();
      const report = await checker.check();
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 50);
      expect(took).toBeLessThan(HEALTH_TIMEOUT_MS + 3000);
      const byName = Object.fromEntries(report.services.map((s) => [s.name, s]));
      expect(Object.keys(byName).sort()).toEqual([...Object.keys(SERVICE_PORTS), 'redis'].sort());
      expect(byName.auth).toMatchObject({ status: 'UP', latencyMs: anyNumber() });
      expect(byName.doctor).toMatchObject({ status: 'DOWN', latencyMs: anyNumber() });
      expect(byName.patient).toEqual({ name: 'patient', status: 'DOWN', latencyMs: null });
      expect(byName.billing).toEqual({ name: 'billing', status: 'DOWN', latencyMs: null });
      expect(byName.redis.status).toBe('UP');
      expect(report.queues.map((q) => q.name)).toEqual(allQueueNames());
      expect(report.queues.find((q) => q.name === 'billing')).toEqual({
        name: 'billing',
        waiting: 1,
        delayed: 1,
        active: 0,
        failed: 0,
      });
    } finally {
      await checker.close();
    }
  }, 20_000);

  it('reports Redis DOWN and no queues when Redis does not answer', async () => {
    const checker = systemHealthChecker({ redisUrl: 'redis://127.0.0.1:9', prefix, env: {} });
    try {
      const report = await checker.check();
      expect(report.services.find((s) => s.name === 'redis')).toEqual({
        name: 'redis',
        status: 'DOWN',
        latencyMs: null,
      });
      expect(report.queues).toEqual([]);
    } finally {
      await checker.close();
    }
  }, 20_000);
});
