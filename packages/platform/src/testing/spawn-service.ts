import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envPrefix, ServiceName } from '../config/services';

const REPO_ROOT = resolve(__dirname, '../../../..');

export interface SpawnedService {
  name: ServiceName;
  url: string;
  process: ChildProcess;
  /** What the process printed, for failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function entryOf(name: ServiceName): string {
  const entry =
    name === 'gateway' ? join(REPO_ROOT, 'gateway/dist/main.js') : join(REPO_ROOT, 'subgraphs', name, 'dist/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`pnpm build\` first (pnpm test does).`);
  return entry;
}

/**
 * How long a service may take to answer /health: 120 s (ten processes starting at once on two busy
 * cores, a stack while other suites run, can take over a minute without anything being wrong), or
 * CAREBOOK_SERVICE_START_TIMEOUT_MS on a machine shared by several engineers' stacks at once.
 */
export function startTimeoutMs(): number {
  const configured = Number(process.env.CAREBOOK_SERVICE_START_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : 120_000;
}

/**
 * The environment that makes a spawned service die right after a successful
 * answer to its internal call `route` (crash-after-call.ts, loaded with
 * --require): the crash point lives in the test, not in the service's code.
 */
export function crashAfterCallEnv(route: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const hook = join(REPO_ROOT, 'packages/platform/dist/testing/crash-after-call.js');
  if (!existsSync(hook)) throw new Error(`${hook} is missing: run \`pnpm build\` first (pnpm test does).`);
  return { NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${hook}`.trim(), CAREBOOK_CRASH_AFTER_CALL: route };
}

/**
 * Runs a built service as its own process, as `pnpm start` does, and waits
 * until its /health answers. Used by tests that need another real service.
 */
export async function spawnService(
  name: ServiceName,
  port: number,
  env: NodeJS.ProcessEnv,
  timeoutMs = startTimeoutMs(),
): Promise<SpawnedService> {
  // CAREBOOK_CPU_PROFILE_DIR=<dir> writes a V8 CPU profile per process on exit (benchmark investigations).
  const profiling = process.env.CAREBOOK_CPU_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CAREBOOK_CPU_PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profiling, entryOf(name)], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, [`${envPrefix(name)}_PORT`]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become healthy in ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    url,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') => stopProcess(child, signal),
  };
}

/** Signals a child process and resolves once it has exited (at once if it already has). */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });
}
