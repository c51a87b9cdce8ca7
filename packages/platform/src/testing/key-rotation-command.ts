import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServiceName } from '../config/services';

const REPO_ROOT = resolve(__dirname, '../../../..');

/**
 * Runs a service's key rotation command as operators do (the built
 * `dist/rotate-keys.js`, its own process) and answers its exit code and output.
 */
export function runKeyRotationCommand(
  service: ServiceName,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  const entry = join(REPO_ROOT, 'subgraphs', service, 'dist/rotate-keys.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`pnpm build\` first (pnpm test does).`);
  return new Promise((done) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => done({ code, output }));
  });
}
