#!/usr/bin/env node
// Starts the whole system for local use: every subgraph in supergraph.yaml,
// then the gateway and the BullMQ worker processes, each as its own process
// with prefixed, readable logs. Ctrl-C stops them all. Run through `pnpm start`,
// which builds and composes first.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import YAML from 'yaml';
import { startDevMailCatcher } from './dev-mail-catcher.mjs';

const root = resolve(import.meta.dirname, '..');
loadDotenv({ path: join(root, '.env'), quiet: true });

// Development defaults so a fresh clone has someone to sign in as (documented in .env.example).
// The password is public: with NODE_ENV=production auth refuses it (DEVELOPMENT_BOOTSTRAP_ADMIN_PASSWORD in platform).
process.env.BOOTSTRAP_ADMIN_EMAIL ??= 'admin@carebook.local';
process.env.BOOTSTRAP_ADMIN_PASSWORD ??= 'carebook-admin-password';

const subgraphs = Object.entries(YAML.parse(readFileSync(join(root, 'supergraph.yaml'), 'utf8')).subgraphs).map(
  ([name, s]) => ({
    name,
    entry: join(root, 'subgraphs', name, 'dist/main.js'),
    // Where the service really listens: <SERVICE>_URL or <SERVICE>_PORT win over supergraph.yaml's routing URL.
    health: `${process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${process.env[`${name.toUpperCase()}_PORT`] ?? new URL(s.routing_url).port}`}/health`,
  }),
);
const gatewayPort = process.env.GATEWAY_PORT ?? '4000';
const gateway = {
  name: 'gateway',
  entry: join(root, 'gateway/dist/main.js'),
  health: `http://127.0.0.1:${gatewayPort}/health`,
};
// The patient web app and the API explorer (built by pnpm build), served once the gateway is up.
const webPort = process.env.WEB_PORT ?? '5173';
const web = {
  name: 'web',
  entry: join(root, 'clients/web/dist/server/main.js'),
  health: `http://127.0.0.1:${webPort}/health`,
};
// BullMQ worker processes, started once the subgraphs are healthy (their migrations have run).
// NOTIFICATION_WORKERS (default 2) notification workers share the send queue: one process is
// one core, and while one is down (a crash) the other keeps reminders on time.
const notificationWorkers = Number(process.env.NOTIFICATION_WORKERS ?? 2);
if (!Number.isInteger(notificationWorkers) || notificationWorkers < 0) {
  console.error(`NOTIFICATION_WORKERS must be a whole number (0 or more), not "${process.env.NOTIFICATION_WORKERS}".`);
  process.exit(1);
}
const workers = Array.from({ length: notificationWorkers }, (_, i) => ({
  // email, SMS and reminders
  name: notificationWorkers === 1 ? 'notification-worker' : `notification-worker-${i + 1}`,
  entry: join(root, 'subgraphs/notification/dist/workers/main.js'),
}));

const COLORS = [36, 35, 33, 32, 34, 31, 96, 95, 93, 92, 94];
const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const width = Math.max(...[...subgraphs, gateway, web, ...workers].map((p) => p.name.length));
const children = new Map();
let stopping = false;

function readable(line) {
  try {
    const { level, msg, time, service, name, pid, hostname, ...rest } = JSON.parse(line);
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${LEVELS[level] ?? level} ${msg ?? ''}${extra ? ` ${extra}` : ''}`;
  } catch {
    return line;
  }
}

function run(proc, index) {
  if (!existsSync(proc.entry))
    throw new Error(`${proc.entry} is missing; run through \`pnpm start\`, which builds first.`);
  const child = spawn(process.execPath, [proc.entry], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${COLORS[index % COLORS.length]}m${proc.name.padEnd(width)} |\x1b[0m`;
  const pipe = (stream, out) => {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) if (line.trim()) out.write(`${prefix} ${readable(line)}\n`);
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(proc.name);
    if (!stopping) {
      console.error(`${prefix} exited (${signal ?? code}); stopping everything.`);
      stopAll(1);
    }
  });
  children.set(proc.name, child);
}

async function waitHealthy(proc, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      if ((await fetch(proc.health, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name} did not answer ${proc.health} within ${timeoutMs / 1000} s`);
}

function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || fallbackPort) }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  const done = () => (children.size === 0 ? process.exit(code) : setTimeout(done, 100));
  setTimeout(() => process.exit(code), 10_000).unref();
  done();
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const mysqlUrl = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!(await reachable(mysqlUrl, 3306))) {
  console.error(
    `MariaDB/MySQL is not reachable at ${mysqlUrl}. Start it (e.g. start-stop-daemon --start --oknodo --background --exec "$(command -v mariadbd)") or set MYSQL_URL.`,
  );
  process.exit(1);
}
if (!(await reachable(redisUrl, 6379))) {
  console.error(
    `Redis is not reachable at ${redisUrl}. Start it (e.g. redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no) or set REDIS_URL.`,
  );
  process.exit(1);
}

// Without SMTP_URL the worker mails to 127.0.0.1:1025: catch those here, unless something (say Mailpit) already listens there.
let mailNote = `Email goes to ${process.env.SMTP_URL ? 'SMTP_URL' : 'the SMTP server on 127.0.0.1:1025'}.`;
if (!process.env.SMTP_URL && !(await reachable('smtp://127.0.0.1:1025', 1025))) {
  const prefix = `\x1b[90m${'mail'.padEnd(width)} |\x1b[0m`;
  await startDevMailCatcher(root, 1025, (line) => process.stdout.write(`${prefix} ${line}\n`)).then(
    () =>
      (mailNote = 'Email is caught on 127.0.0.1:1025 and printed here as "mail" (set SMTP_URL to send it for real).'),
    (error) =>
      console.error(
        `Could not start the development mail catcher on 1025 (${error.message}); email will be retried and logged FAILED.`,
      ),
  );
}

const started = Date.now();
try {
  subgraphs.forEach(run);
  await Promise.all(subgraphs.map((s) => waitHealthy(s)));
  run(gateway, subgraphs.length);
  workers.forEach((w, i) => run(w, subgraphs.length + 1 + i));
  await waitHealthy(gateway);
  run(web, subgraphs.length + 1 + workers.length);
  await waitHealthy(web);
} catch (error) {
  console.error(String(error.message ?? error));
  stopAll(1);
}
if (!stopping) {
  const url = `http://localhost:${gatewayPort}/graphql`;
  const webUrl = `http://localhost:${webPort}`;
  console.log(`
  Carebook is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${subgraphs.length} subgraphs, gateway${workers.length ? ', workers' : ''}, web app.

    Patient web app:                      ${webUrl}
    API explorer (offline GraphiQL):      ${webUrl}/explorer/
    GraphQL endpoint and Apollo Sandbox:  ${url}
    Sign in as the bootstrap admin:       ${process.env.BOOTSTRAP_ADMIN_EMAIL} (password: BOOTSTRAP_ADMIN_PASSWORD, see .env.example)
    ${mailNote}

  Press Ctrl-C to stop everything.
`);
}
