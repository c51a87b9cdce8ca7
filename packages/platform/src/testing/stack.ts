import { ServiceName, SERVICE_PORTS } from '../config/services';
import { spawnService, SpawnedService } from './spawn-service';
import { testPortBase } from './test-ports';
import { spawnWorker, SpawnedWorker } from './spawn-worker';
import { dropDatabase, freshDatabaseUrl } from './test-database';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const BOOTSTRAP_ADMIN = { email: 'admin@e2e.carebook.test', password: 'e2e-admin-password' };

export interface Stack {
  gatewayUrl: string;
  env: NodeJS.ProcessEnv;
  services: Map<ServiceName, SpawnedService>;
  /** Worker processes, by entry (StackOptions.workers). */
  workers: Map<string, SpawnedWorker>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Worker entry points to run once the services are up, e.g. `subgraphs/notification/dist/workers/main.js`. */
  workers?: string[];
}

/**
 * Starts the given subgraphs and the gateway as real processes from their
 * built code, each on a fresh database and the stack on its own ports and
 * Redis prefix, the way `pnpm start` runs them. Used by the end-to-end
 * suites and the benchmarks.
 */
export async function startStack(
  subgraphs: ServiceName[],
  extraEnv: NodeJS.ProcessEnv = {},
  options: StackOptions = {},
): Promise<Stack> {
  const base = testPortBase();
  const portOf = (name: ServiceName) => base + (SERVICE_PORTS[name] - SERVICE_PORTS.gateway);
  const databases = subgraphs.map((name) => [name, freshDatabaseUrl(name)] as const);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    REDIS_PREFIX: `e2e-${base}-${Date.now()}`,
    AUTH_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'carebook-e2e-')), 'auth-key.json'),
    BOOTSTRAP_ADMIN_EMAIL: BOOTSTRAP_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
    // Every simulated client of a suite or benchmark registers from 127.0.0.1: lift the per-address quota (auth's tests prove it).
    REGISTRATIONS_PER_IP_PER_HOUR: '100000',
    AUTH_JWKS_URL: `http://127.0.0.1:${portOf('auth')}/.well-known/jwks.json`,
    ...Object.fromEntries(
      (Object.keys(SERVICE_PORTS) as ServiceName[]).map((name) => [
        `${name.toUpperCase()}_URL`,
        `http://127.0.0.1:${portOf(name)}`,
      ]),
    ),
    ...Object.fromEntries(databases.map(([name, url]) => [`${name.toUpperCase()}_DB_URL`, url])),
    ...operationLogEnv(base),
    ...extraEnv,
  };
  const services = new Map<ServiceName, SpawnedService>();
  const workers = new Map<string, SpawnedWorker>();
  const stop = async () => {
    await Promise.all([...workers.values()].map((w) => w.stop()));
    await Promise.all([...services.values()].map((s) => s.stop()));
    await Promise.all(databases.map(([, url]) => dropDatabase(url)));
  };
  try {
    for (const spawned of await Promise.all(subgraphs.map((name) => spawnService(name, portOf(name), env))))
      services.set(spawned.name, spawned);
    services.set('gateway', await spawnService('gateway', portOf('gateway'), env));
    // After the services: a worker uses their internal routes, and their migrations have run.
    for (const entry of options.workers ?? []) workers.set(entry, await spawnWorker(entry, env));
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: `http://127.0.0.1:${portOf('gateway')}/graphql`, env, services, workers, stop };
}

/** Set by jest's global setup for a run (see jest.config.js): where the stacks' gateways log the operations they serve. */
export const OPERATION_LOG_DIR_ENV = 'CAREBOOK_OPERATION_LOG_DIR';

/**
 * The gateway's CAREBOOK_OPERATION_LOG for a stack started in a jest run:
 * one file per stack, named after the suite that started it (the contract
 * check needs to know which suites ran), created at once so that a suite
 * counts as run even before its first operation. Nothing outside jest.
 */
function operationLogEnv(base: number): NodeJS.ProcessEnv {
  const dir = process.env[OPERATION_LOG_DIR_ENV];
  if (!dir) return {};
  const testPath = (globalThis as { expect?: { getState?(): { testPath?: string } } }).expect?.getState?.().testPath;
  const file = join(dir, `${testPath ? basename(testPath) : 'stack'}.${process.pid}-${base}.log`);
  writeFileSync(file, '', { flag: 'a' });
  return { CAREBOOK_OPERATION_LOG: file };
}
