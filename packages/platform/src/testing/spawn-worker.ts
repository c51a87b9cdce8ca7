import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { startTimeoutMs, stopProcess } from './spawn-service';

const REPO_ROOT = resolve(__dirname, '../../../..');
/** Numbers the profiles of several processes of one entry point (a restarted or second worker). */
let spawned = 0;

export interface SpawnedWorker {
  entry: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Runs a built worker entry point (e.g. `subgraphs/notification/dist/workers/main.js`)
 * as its own process, as `pnpm start` does, and waits until it logs that it
 * is ready (workers serve no /health). Kill it with `stop('SIGKILL')` to test crashes.
 */
export async function spawnWorker(
  entry: string,
  env: NodeJS.ProcessEnv,
  options: { ready?: RegExp; timeoutMs?: number } = {},
): Promise<SpawnedWorker> {
  const path = join(REPO_ROOT, entry);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm build\` first (pnpm test does).`);
  const ready = options.ready ?? /workers ready/;
  // CAREBOOK_CPU_PROFILE_DIR=<dir> writes a V8 CPU profile per process on a clean exit (not after SIGKILL), as spawnService does.
  const dir = process.env.CAREBOOK_CPU_PROFILE_DIR;
  const profiling = dir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        `--cpu-prof-name=${basename(dirname(dirname(dirname(entry))))}-worker-${++spawned}.cpuprofile`,
      ]
    : [];
  const child = spawn(process.execPath, [...profiling, path], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + (options.timeoutMs ?? startTimeoutMs()); // the services' bound: busy machines start slowly
  while (!ready.test(output)) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    entry,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') => stopProcess(child, signal),
  };
}
