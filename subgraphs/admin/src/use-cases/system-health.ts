import { allQueueNames, producerConnection, ServiceName, SERVICE_PORTS, serviceUrl } from '@carebook/platform';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';

/** How long a service or Redis may take to answer before it counts as DOWN. */
export const HEALTH_TIMEOUT_MS = 2000;

export type Status = 'UP' | 'DOWN';

export interface ServiceHealthReport {
  name: string;
  status: Status;
  /** Time to the answer; null when none came. */
  latencyMs: number | null;
}

export interface QueueCounts {
  name: string;
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
}

export interface SystemHealthReport {
  services: ServiceHealthReport[];
  queues: QueueCounts[];
}

export interface SystemHealthChecker {
  check(): Promise<SystemHealthReport>;
  close(): Promise<void>;
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** GET <service>/health: UP on a 2xx within the timeout, else DOWN; never throws. */
export async function probeService(
  name: string,
  url: string,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<ServiceHealthReport> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { name, status: response.ok ? 'UP' : 'DOWN', latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { name, status: 'DOWN', latencyMs: null };
  }
}

/**
 * Checks every service of the system (DESIGN's service table, at the URLs
 * the services use to reach each other), Redis, and the BullMQ queues (every
 * event queue and job queue platform knows). Probes run in parallel, each
 * bounded by HEALTH_TIMEOUT_MS, so one service that hangs cannot fail or
 * stall the answer.
 */
export function systemHealthChecker(options: {
  redisUrl: string;
  prefix: string;
  env?: NodeJS.ProcessEnv;
}): SystemHealthChecker {
  let redis: Redis | undefined;
  const queues = new Map<string, Queue>();
  const connection = () => {
    if (!redis) {
      redis = producerConnection(options.redisUrl);
      redis.on('error', () => undefined); // reported as redis DOWN
    }
    return redis;
  };
  const queue = (name: string) => {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: connection(), prefix: options.prefix });
      found.on('error', () => undefined);
      queues.set(name, found);
    }
    return found;
  };

  /** The producer connection refuses commands until connected (no offline queue); wait for it, within the timeout. */
  async function connected(): Promise<Redis> {
    const redis = connection();
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    return redis;
  }

  async function probeRedis(): Promise<ServiceHealthReport> {
    const started = performance.now();
    try {
      await within(
        connected().then((redis) => redis.ping()),
        HEALTH_TIMEOUT_MS,
      );
      return { name: 'redis', status: 'UP', latencyMs: Math.round(performance.now() - started) };
    } catch {
      return { name: 'redis', status: 'DOWN', latencyMs: null };
    }
  }

  async function queueCounts(): Promise<QueueCounts[]> {
    return within(
      Promise.all(
        allQueueNames().map(async (name) => {
          const counts = await queue(name).getJobCounts('waiting', 'delayed', 'active', 'failed');
          return {
            name,
            waiting: counts.waiting ?? 0,
            delayed: counts.delayed ?? 0,
            active: counts.active ?? 0,
            failed: counts.failed ?? 0,
          };
        }),
      ),
      HEALTH_TIMEOUT_MS,
    );
  }

  return {
    async check() {
      const names = Object.keys(SERVICE_PORTS) as ServiceName[];
      const [services, redisHealth] = await Promise.all([
        Promise.all(names.map((name) => probeService(name, serviceUrl(name, options.env)))),
        probeRedis(),
      ]);
      // Without Redis there are no counts to give; redis DOWN says why the list is empty.
      const queueList = redisHealth.status === 'UP' ? await queueCounts().catch(() => []) : [];
      return { services: [...services, redisHealth], queues: queueList };
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
      redis?.disconnect();
    },
  };
}
