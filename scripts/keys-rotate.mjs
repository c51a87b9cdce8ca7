#!/usr/bin/env node
// Re-seals the sealed fields of every service that seals any (those with a
// dist/rotate-keys.js: patient, appointment, feedback, admin) under the
// active DATA_ENCRYPTION_KEY_ID, one service after the other, each with its
// own configuration (<SERVICE>_DB_URL, DATA_ENCRYPTION_KEYS, ...) from the
// environment or the root .env, as `pnpm start` runs them. Safe while the
// system serves traffic; stopped (Ctrl-C), it resumes where it left off on
// the next run. Make the new key active on every running instance first.
// Usage: pnpm keys:rotate [--batch-size N]   (exit 0: all done)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import YAML from 'yaml';

const root = resolve(import.meta.dirname, '..');
loadDotenv({ path: join(root, '.env'), quiet: true });

const services = Object.keys(YAML.parse(readFileSync(join(root, 'supergraph.yaml'), 'utf8')).subgraphs)
  .map((name) => ({ name, entry: join(root, 'subgraphs', name, 'dist/rotate-keys.js') }))
  .filter((service) => existsSync(service.entry));
if (services.length === 0) {
  console.error('No service has a built dist/rotate-keys.js; run `pnpm build` first (pnpm keys:rotate does).');
  process.exit(1);
}

let interrupted = false;
// The terminal's Ctrl-C reaches the running child too; it finishes its batch and keeps its cursor.
process.on('SIGINT', () => (interrupted = true));
process.on('SIGTERM', () => (interrupted = true));

let exitCode = 0;
for (const service of services) {
  if (interrupted) break;
  console.log(`${service.name}: rotating`);
  const code = await new Promise((done) => {
    const child = spawn(process.execPath, [service.entry, ...process.argv.slice(2)], {
      cwd: root,
      env: process.env,
      stdio: 'inherit',
    });
    child.on('exit', (status, signal) => done(status ?? (signal ? 130 : 1)));
  });
  if (code !== 0) {
    console.error(
      `${service.name}: rotation ${code === 130 ? 'stopped; run again to resume' : `failed (exit ${code})`}`,
    );
    exitCode ||= code;
    if (code === 130) break;
  }
}
if (exitCode === 0 && interrupted) exitCode = 130;
console.log(
  exitCode === 0
    ? `every sealed field re-sealed (${services.map((s) => s.name).join(', ')})`
    : 'not every sealed field is re-sealed yet; see above',
);
process.exit(exitCode);
