import { DEVELOPMENT_BOOTSTRAP_ADMIN_PASSWORD, DEVELOPMENT_DATA_KEY } from '@carebook/platform';
import {
  BOOTSTRAP_ADMIN,
  postGraphql,
  productionServiceKeys,
  Stack,
  startStack,
  stringMatching,
} from '@carebook/platform/testing';
import { LoginDocument, PayInvoiceDocument, RegisterPatientDocument } from '@carebook/sdk';
import { contractCall } from './lib/contract-call';
import { spawn } from 'node:child_process';
import { CALLER_HEADER } from '@carebook/platform';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SUBGRAPHS = [
  'auth',
  'patient',
  'doctor',
  'scheduling',
  'appointment',
  'billing',
  'feedback',
  'notification',
  'admin',
] as const;
const WORKER = 'subgraphs/notification/dist/workers/main.js';
/** Every process the system runs, by the built entry point `pnpm start` and docker-compose run. */
const PROCESSES: Record<string, string> = {
  ...Object.fromEntries(SUBGRAPHS.map((name) => [name, `subgraphs/${name}/dist/main.js`])),
  gateway: 'gateway/dist/main.js',
  'notification-worker': WORKER,
};

const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const signingKey = () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: `test-${randomUUID()}` });
};

/**
 * A complete production configuration: secrets of its own, Redis with a
 * password (the local Redis has none and accepts any: ioredis only warns),
 * a payment provider that is not the development one.
 */
const serviceKeys = productionServiceKeys();
const PRODUCTION: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  REDIS_URL: `redis://:a-redis-password@${redis.host}`,
  ...serviceKeys.env,
  AUTH_SIGNING_KEY: signingKey(),
  BOOTSTRAP_ADMIN_EMAIL: BOOTSTRAP_ADMIN.email,
  BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
  DATA_ENCRYPTION_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
  PAYMENT_PROVIDER: 'none',
};

/** Runs a built process until it exits (it must, refusing its configuration); its exit code and output. */
function runUntilExit(
  entry: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(
        new Error(
          `${entry} was still running after ${timeoutMs} ms (it should have refused its configuration):\n${output}`,
        ),
      );
    }, timeoutMs);
    // 'close', not 'exit': a process may exit before its last output has been read from the pipes
    // (seen under load: the refusal's message missing from `output`).
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** Each process with one bad setting on top of the complete configuration, and the variable it must name. */
const BAD: Array<[process: string, variable: string, change: NodeJS.ProcessEnv]> = [
  ...Object.keys(PROCESSES).map(
    (name) => [name, 'REDIS_URL', { REDIS_URL: `redis://${redis.host}` }] as [string, string, NodeJS.ProcessEnv],
  ),
  ['auth', 'BOOTSTRAP_ADMIN_PASSWORD', { BOOTSTRAP_ADMIN_PASSWORD: DEVELOPMENT_BOOTSTRAP_ADMIN_PASSWORD }],
  ['auth', 'BOOTSTRAP_ADMIN_PASSWORD', { BOOTSTRAP_ADMIN_PASSWORD: undefined }],
  ['auth', 'AUTH_SIGNING_KEY', { AUTH_SIGNING_KEY: undefined }],
  ['patient', 'DATA_ENCRYPTION_KEYS', { DATA_ENCRYPTION_KEYS: undefined }],
  ['patient', 'DATA_ENCRYPTION_KEYS', { DATA_ENCRYPTION_KEYS: `dev:${DEVELOPMENT_DATA_KEY}` }],
  ['billing', 'PAYMENT_PROVIDER', { PAYMENT_PROVIDER: 'development' }],
  ['billing', 'PAYMENT_PROVIDER', { PAYMENT_PROVIDER: undefined }],
  // Without keys of its own a process would sign with the public development keys.
  ['gateway', 'SERVICE_PRIVATE_KEY', { GATEWAY_SERVICE_PRIVATE_KEY: undefined, SERVICE_PUBLIC_KEYS: undefined }],
  ['appointment', 'SERVICE_PUBLIC_KEYS', { SERVICE_PUBLIC_KEYS: undefined }],
];

describe('production configuration', () => {
  // A process whose check failed would go on to open its database: point them all at a port where nothing listens.
  const nowhere = {
    MYSQL_URL: 'mysql://root@127.0.0.1:9',
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_PORT`, '0'])),
    GATEWAY_PORT: '0',
  };

  // Concurrently (jest's maxConcurrency): each case is a process starting and refusing, mostly waiting on its own start-up.
  it.concurrent.each(BAD)(
    'stops %s with NODE_ENV=production and a bad %s, naming it',
    async (name, variable, change) => {
      const env: NodeJS.ProcessEnv = { ...process.env, ...PRODUCTION, ...nowhere, ...change };
      for (const [key, value] of Object.entries(change)) if (value === undefined) delete env[key];
      const { code, output } = await runUntilExit(PROCESSES[name], env);
      expect(code).not.toBe(0);
      expect(output).toContain('Invalid configuration');
      expect(output).toMatch(new RegExp(`^\\s*- ${variable}: `, 'm'));
    },
    90_000,
  );

  describe('a complete production configuration', () => {
    let stack: Stack;

    beforeAll(async () => {
      // Every subgraph, the gateway and a notification worker, as docker-compose runs them.
      stack = await startStack([...SUBGRAPHS], PRODUCTION, { workers: [WORKER] });
    }, 180_000);

    afterAll(async () => {
      await stack?.stop();
    });

    it('starts every process, and the system answers through the gateway', async () => {
      expect([...stack.services.keys()].sort()).toEqual([...SUBGRAPHS, 'gateway'].sort());
      expect(stack.workers.size).toBe(1);
      const login = await contractCall(stack.gatewayUrl)(LoginDocument, BOOTSTRAP_ADMIN);
      expect(login.errors).toBeUndefined();
      expect(login.data.login.user.role).toBe('ADMIN');
    });

    it('takes no cards with PAYMENT_PROVIDER=none, and says so', async () => {
      const registered = await contractCall(stack.gatewayUrl)(RegisterPatientDocument, {
        input: { email: 'prod@e2e.carebook.test', password: 'patient-password-1', name: 'Pro Duction' },
      });
      const paying = await contractCall(stack.gatewayUrl)(
        PayInvoiceDocument,
        { id: randomUUID(), input: { method: 'CARD', token: 'tok_visa' } },
        registered.data.registerPatient.accessToken,
      );
      expect(paying.errors![0]).toMatchObject({
        message: stringMatching(/takes no card payments online/),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('answers errors without schema hints, at the gateway and at a subgraph', async () => {
      // The doctor subgraph answers only the gateway: sign as this stack's gateway.
      const asGateway = { [CALLER_HEADER]: await serviceKeys.callerToken('gateway', 'doctor') };
      for (const [url, headers] of [
        [stack.gatewayUrl, {}],
        [stack.services.get('doctor')!.url, asGateway],
      ] as const) {
        const typo = await postGraphql(url, '{ doctorz(id: "1") { id } }', {}, undefined, headers);
        expect(typo.errors![0].message).toBe('Cannot query field "doctorz" on type "Query".');
      }
    });
  });
});
