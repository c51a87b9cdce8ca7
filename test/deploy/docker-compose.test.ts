import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { productionProblems } from '../../packages/platform/src/config/production-settings';
import { ServiceName, SERVICE_PORTS } from '../../packages/platform/src/config/services';
import { stringMatching } from '../../packages/platform/src/testing/typed-matchers';

/**
 * Checks docker-compose.yml, the Dockerfiles and .env.example against the
 * code: the services in supergraph.yaml, the ports in SERVICE_PORTS and the
 * environment variables the config code actually reads. There is no Docker
 * here, so a variable typed wrong in compose would otherwise only surface as
 * a silently ignored setting in production.
 */

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
/** What a package.json says the package ships (`files`). */
const packageFiles = (path: string) => (JSON.parse(read(path)) as { files?: string[] }).files;

const composeText = read('docker-compose.yml');
// Compose resolves YAML merge keys (`<<: *anchor`); so must we.
const compose = YAML.parse(composeText, { merge: true }) as {
  services: Record<
    string,
    {
      build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
      environment?: Record<string, unknown> | string[];
      ports?: unknown[];
      depends_on?: Record<string, { condition?: string }> | string[];
      profiles?: string[];
      command?: string[];
      healthcheck?: { test?: string[] };
    }
  >;
};
const envExample = read('.env.example');

const subgraphs = Object.keys(
  (YAML.parse(read('supergraph.yaml')) as { subgraphs: Record<string, unknown> }).subgraphs,
) as ServiceName[];
const deployables: ServiceName[] = [...subgraphs, 'gateway'];
const packageDir = (name: ServiceName) => (name === 'gateway' ? 'gateway' : `subgraphs/${name}`);
const prefixOf = (name: string) => name.toUpperCase();
const ALL_PREFIXES = Object.keys(SERVICE_PORTS).map(prefixOf);

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'testing' || entry.name === 'node_modules' ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

/**
 * The variables one source file reads:
 * - keys of zod config shapes (`NAME: env.…` / `NAME: z.…`);
 * - `process.env.NAME`;
 * - `[`${prefix}_NAME`]`: the loading service's own prefix (commonShape);
 * - `${envPrefix(x)}_NAME` / `${x.toUpperCase()}_NAME`: any service's (servicePort, serviceUrl, the gateway's routing).
 */
function envNamesIn(source: string, ownPrefix: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/\b([A-Z][A-Z0-9_]+)(?=:\s*(?:env\.|z\s*\.|\w+Schema\())/g)) names.add(match[1]);
  for (const match of source.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]);
  for (const match of source.matchAll(/`\$\{prefix\}_([A-Z][A-Z0-9_]*)`/g)) names.add(`${ownPrefix}_${match[1]}`);
  for (const match of source.matchAll(/`\$\{(?:envPrefix\(\w+\)|\w+\.toUpperCase\(\))\}_([A-Z][A-Z0-9_]*)`/g)) {
    for (const prefix of ALL_PREFIXES) names.add(`${prefix}_${match[1]}`);
  }
  return names;
}

/**
 * Platform files holding a config shape a process opts into, and the call
 * that opts in: the common subgraph shape (the gateway parses a shape of its
 * own) and the data keys (only services that seal fields read them).
 */
const OPT_IN_SHAPES: Record<string, string> = {
  'config/service-config.ts': 'loadServiceConfig(',
  'crypto/encryption-keys.ts': 'loadEncryptionKeys(',
};

/**
 * Every variable a deployable's process can read: its own sources plus the
 * platform's (without the test kit); an opt-in shape counts only for a
 * process whose sources call it.
 */
function knownEnv(name: ServiceName): Set<string> {
  const own = tsFiles(`${packageDir(name)}/src`);
  const optedOut = Object.entries(OPT_IN_SHAPES)
    .filter(([, call]) => !own.some((file) => read(file).includes(call)))
    .map(([file]) => file);
  const platform = tsFiles('packages/platform/src').filter((file) => !optedOut.some((shape) => file.endsWith(shape)));
  const names = new Set<string>();
  for (const file of [...own, ...platform]) for (const env of envNamesIn(read(file), prefixOf(name))) names.add(env);
  return names;
}

function environmentOf(service: string): Record<string, string> {
  const env = compose.services[service]?.environment ?? {};
  if (Array.isArray(env))
    return Object.fromEntries(env.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)]),
  );
}

/** Names documented in .env.example, set or commented out (`# NAME=…`). */
const documented = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));

/** A Dockerfile's instructions with line continuations joined and comments dropped. */
function instructionsOf(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

function dockerfileOf(name: string): string {
  const build = compose.services[name]?.build;
  return join(build?.context ?? '.', build?.dockerfile ?? 'Dockerfile');
}

/**
 * The Dockerfile compose builds a service from, with that service's build
 * arguments substituted (`${NAME}` and `$NAME`, as Docker does): what the
 * image of that one service is built from.
 */
function dockerfileFor(name: string): string {
  const args = compose.services[name]?.build?.args ?? {};
  return read(dockerfileOf(name)).replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced: string | undefined, bare: string) => args[braced ?? bare] ?? match,
  );
}

/** Instructions of the Dockerfile compose builds `name` from, its arguments substituted. */
const instructionsFor = (name: string) => instructionsOf(dockerfileFor(name));

/** The variables the image of `name` sets (`ENV KEY=value ...`; values without spaces). */
function imageEnvironmentOf(name: string): Record<string, string> {
  return Object.fromEntries(
    instructionsFor(name)
      .filter((line) => /^ENV\s/i.test(line))
      .flatMap((line) => line.replace(/^ENV\s+/i, '').split(/\s+/))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

const known = Object.fromEntries(deployables.map((name) => [name, knownEnv(name)])) as Record<ServiceName, Set<string>>;

describe('the scan of the config code', () => {
  // Guards the test itself: if the scan found nothing (or everything), every other check would be meaningless.
  it('finds what each process reads, and only that', () => {
    expect([...known.auth]).toEqual(
      expect.arrayContaining([
        'NODE_ENV',
        'AUTH_PORT',
        'AUTH_HOST',
        'AUTH_DB_URL',
        'MYSQL_URL',
        'REDIS_URL',
        'SERVICE_PRIVATE_KEY',
        'SERVICE_PUBLIC_KEYS',
        'AUTH_SIGNING_KEY',
        'BOOTSTRAP_ADMIN_PASSWORD',
        'PATIENT_URL',
      ]),
    );
    expect([...known.patient]).toEqual(
      expect.arrayContaining(['PATIENT_DB_URL', 'DATA_ENCRYPTION_KEYS', 'DATA_ENCRYPTION_KEY_ID', 'AUTH_JWKS_URL']),
    );
    for (const sealing of ['appointment', 'feedback', 'admin'] as const)
      expect([...known[sealing]]).toEqual(expect.arrayContaining(['DATA_ENCRYPTION_KEYS', 'DATA_ENCRYPTION_KEY_ID']));
    expect(known.billing.has('DATA_ENCRYPTION_KEYS')).toBe(false);
    expect([...known.gateway]).toEqual(
      expect.arrayContaining([
        'GATEWAY_PORT',
        'GATEWAY_HOST',
        'SUPERGRAPH_PATH',
        'ADMIN_URL',
        'AUTH_JWKS_URL',
        'MAX_QUERY_COST',
        'REDIS_URL',
        'LIVE_KEEPALIVE_MS',
        'SERVICE_PRIVATE_KEY',
        'SERVICE_PUBLIC_KEYS',
      ]),
    );
    expect(known.patient.has('AUTH_SIGNING_KEY')).toBe(false);
    expect(known.doctor.has('DATA_ENCRYPTION_KEYS')).toBe(false);
    expect(known.doctor.has('PATIENT_DB_URL')).toBe(false);
    expect(known.gateway.has('DATA_ENCRYPTION_KEYS')).toBe(false);
    expect(known.gateway.has('GATEWAY_DB_URL')).toBe(false);
    expect(known.auth.has('PATEINT_URL')).toBe(false);
  });
});

describe('docker-compose.yml', () => {
  it.each(deployables)('builds %s from the one service Dockerfile, its arguments naming that package', (name) => {
    const build = compose.services[name]?.build;
    expect(build).toMatchObject({
      context: '.',
      dockerfile: 'deploy/service.Dockerfile',
      args: { PACKAGE_DIR: packageDir(name), PORT: String(SERVICE_PORTS[name]) },
    });
    expect(existsSync(join(root, dockerfileOf(name)))).toBe(true);
    const text = dockerfileFor(name);
    expect(text).toContain(`--filter ./${packageDir(name)} deploy`);
    expect(text).toMatch(new RegExp(`tsc -b ${packageDir(name)}\\s`));
    // Every argument the Dockerfile uses is given (an unset one would build an image of nothing).
    expect(text.match(/\$\{?[A-Z_]+\}?/g) ?? []).toEqual([]);
  });

  it('keeps no per-service Dockerfiles beside the shared one', () => {
    for (const name of deployables)
      expect({ name, own: existsSync(join(root, packageDir(name), 'Dockerfile')) }).toEqual({ name, own: false });
  });

  it.each(deployables)('sets only variables the %s code reads', (name) => {
    const unknown = Object.keys(environmentOf(name)).filter((key) => !known[name].has(key));
    expect(unknown).toEqual([]);
  });

  it.each(deployables)('documents every variable set for %s in .env.example', (name) => {
    expect(Object.keys(environmentOf(name)).filter((key) => !documented.has(key))).toEqual([]);
  });

  it('documents every ${VAR} it substitutes in .env.example', () => {
    const substituted = new Set([...composeText.matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]));
    expect(substituted.size).toBeGreaterThan(0);
    expect([...substituted].filter((name) => !documented.has(name))).toEqual([]);
  });

  it.each(deployables)('runs %s in production, listening on 0.0.0.0 at its port', (name) => {
    const env = environmentOf(name);
    expect(env.NODE_ENV).toBe('production');
    expect(env[`${prefixOf(name)}_HOST`]).toBe('0.0.0.0');
    if (env[`${prefixOf(name)}_PORT`] !== undefined)
      expect(Number(env[`${prefixOf(name)}_PORT`])).toBe(SERVICE_PORTS[name]);
  });

  // DESIGN: scheduling and appointment run on MongoDB in the compose stack, the others on MySQL.
  const MONGO_SERVICES = ['scheduling', 'appointment'];

  it.each(subgraphs)('gives %s its own database on its store', (name) => {
    const url = new URL(environmentOf(name)[`${prefixOf(name)}_DB_URL`].replace(/\$\{[^}]+\}/g, 'x'));
    const mongo = MONGO_SERVICES.includes(name);
    expect(url.protocol).toBe(mongo ? 'mongodb:' : 'mysql:');
    expect(url.hostname).toBe(mongo ? 'mongo' : 'mysql');
    expect(url.pathname).toBe(`/carebook_${name}`);
  });

  it.each(deployables)('points every URL of %s at a compose service on its SERVICE_PORTS port', (name) => {
    for (const [key, value] of Object.entries(environmentOf(name))) {
      if (!key.endsWith('_URL') || !/^https?:/.test(value)) continue;
      const url = new URL(value);
      const target = key === 'AUTH_JWKS_URL' ? 'auth' : key.slice(0, -'_URL'.length).toLowerCase();
      expect({ key, host: url.hostname, port: Number(url.port) }).toEqual({
        key,
        host: target,
        port: SERVICE_PORTS[target as ServiceName],
      });
      expect(compose.services[target]).toBeDefined();
    }
    if (name !== 'auth')
      expect(environmentOf(name).AUTH_JWKS_URL).toBe(`http://auth:${SERVICE_PORTS.auth}/.well-known/jwks.json`);
  });

  it('routes the gateway to every subgraph and starts it once they are healthy', () => {
    const env = environmentOf('gateway');
    const dependsOn = compose.services.gateway.depends_on as Record<string, { condition?: string }>;
    for (const name of subgraphs) {
      expect(env[`${prefixOf(name)}_URL`]).toBe(`http://${name}:${SERVICE_PORTS[name]}`);
      expect(dependsOn[name]?.condition).toBe('service_healthy');
    }
  });

  // Service tokens: one key pair per service, so that no container holds another's private key.
  it.each(deployables)('hands %s its own service private key and every public key', (name) => {
    const env = environmentOf(name);
    // Under its own name (the process reads <SERVICE>_SERVICE_PRIVATE_KEY), and no other service's.
    expect(env[`${prefixOf(name)}_SERVICE_PRIVATE_KEY`]).toMatch(
      new RegExp(`^\\$\\{${prefixOf(name)}_SERVICE_PRIVATE_KEY:\\?`),
    );
    expect(Object.keys(env).filter((key) => key.endsWith('SERVICE_PRIVATE_KEY'))).toEqual([
      `${prefixOf(name)}_SERVICE_PRIVATE_KEY`,
    ]);
    expect(env.SERVICE_PUBLIC_KEYS).toMatch(/^\$\{SERVICE_PUBLIC_KEYS:\?/);
  });

  it('publishes only the gateway, on its port, the patient app, and the Mailpit UI of the dev profile on 127.0.0.1', () => {
    const published = Object.entries(compose.services)
      .filter(([, service]) => service.ports?.length)
      .map(([name]) => name);
    expect(published.sort()).toEqual(['gateway', 'mailpit', 'web']);
    expect(compose.services.gateway.ports!.map(String)).toEqual([`${SERVICE_PORTS.gateway}:${SERVICE_PORTS.gateway}`]);
    for (const name of [...subgraphs, 'mysql', 'mongo', 'redis', 'notification-worker'])
      expect({ name, ports: compose.services[name].ports ?? [] }).toEqual({ name, ports: [] });
  });

  it('runs Mailpit only with the dev profile, bound to this machine, and nothing waits for it', () => {
    expect(compose.services.mailpit.profiles).toEqual(['dev']);
    expect(compose.services.mailpit.ports!.map(String)).toEqual(['127.0.0.1:8025:8025']);
    // A service that depends on one outside the active profiles stops `docker compose up` without it.
    for (const [name, service] of Object.entries(compose.services)) {
      const needs = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      expect({ name, needsMailpit: needs.includes('mailpit') }).toEqual({ name, needsMailpit: false });
    }
  });

  it('runs Redis with the password from .env, health-checked with it, and every process connects with it', () => {
    const redis = compose.services.redis;
    expect(redis.command!.join(' ')).toContain('--requirepass "$$REDIS_PASSWORD"');
    expect(environmentOf('redis').REDIS_PASSWORD).toMatch(/^\$\{REDIS_PASSWORD:\?.+\}$/);
    expect(environmentOf('redis').REDISCLI_AUTH).toBe('${REDIS_PASSWORD}');
    expect(redis.healthcheck!.test!.join(' ')).toContain('redis-cli ping');
    for (const name of [...deployables, 'notification-worker']) {
      expect({ name, url: environmentOf(name).REDIS_URL }).toEqual({
        name,
        url: 'redis://:${REDIS_PASSWORD}@redis:6379',
      });
    }
  });

  it('takes every secret from .env under its own name, never a value written here', () => {
    const SECRET = /SECRET|PASSWORD|_KEYS?$|SIGNING_KEY|TOKEN/;
    let checked = 0;
    for (const name of Object.keys(compose.services)) {
      for (const [key, value] of Object.entries(environmentOf(name))) {
        if (SECRET.test(key) && key !== 'DATA_ENCRYPTION_KEY_ID') {
          checked += 1;
          expect({ name, key, value }).toEqual({
            name,
            key,
            value: stringMatching(new RegExp(`^\\$\\{${key}(:\\?[^}]+|:-)?\\}$`)),
          });
        }
        // Credentials inside URLs (databases, Redis) come from .env too.
        const credentials = /^\w+:\/\/([^@/]*)@/.exec(value)?.[1];
        if (credentials?.includes(':'))
          expect({ name, key, password: credentials.split(':')[1] }).toEqual({
            name,
            key,
            password: stringMatching(/^\$\{[A-Z_]+\}$/),
          });
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it.each([...deployables, 'notification-worker'])(
    'starts %s with settings production accepts (the platform checks), .env values standing in',
    (name) => {
      // ${NAME:-default} takes its default; a value .env must give stands in as a secret of the operator's own.
      const resolved = Object.fromEntries(
        Object.entries(environmentOf(name)).map(([key, value]) => [
          key,
          value.replace(
            /\$\{([A-Z_]+)(?::-([^}]*))?(?::\?[^}]*)?\}/g,
            (_match, _variable, fallback: string | undefined) =>
              fallback !== undefined ? fallback : 'operator-secret-value',
          ),
        ]),
      );
      const read = name === 'notification-worker' ? known.notification : known[name as ServiceName];
      expect(productionProblems(resolved.NODE_ENV, [...read], resolved)).toEqual([]);
    },
  );
});

describe('the service Dockerfile', () => {
  it.each(deployables)('%s: exposes its SERVICE_PORTS port and health-checks it with the shared script', (name) => {
    const instructions = instructionsFor(name);
    const exposed = instructions
      .filter((line) => /^EXPOSE\s/i.test(line))
      .flatMap((line) =>
        line
          .split(/\s+/)
          .slice(1)
          .map((port) => Number(port.split('/')[0])),
      );
    expect(exposed).toEqual([SERVICE_PORTS[name]]);
    expect(instructions.find((line) => /^HEALTHCHECK\s/i.test(line))).toMatch(/CMD \["node", "healthcheck\.cjs"\]$/);
    expect(instructions).toContain('RUN cp deploy/healthcheck.cjs /out/healthcheck.cjs');
  });

  it.each(deployables)('%s: sets only variables its code reads, and production', (name) => {
    const set = Object.keys(imageEnvironmentOf(name));
    expect(set).toContain('NODE_ENV');
    expect(set.filter((key) => !known[name].has(key))).toEqual([]);
  });

  it('gives the gateway the supergraph it copies into the image', () => {
    expect(dockerfileFor('gateway')).toContain('cp supergraph.graphql /out/supergraph.graphql');
    expect(environmentOf('gateway').SUPERGRAPH_PATH).toBe('/app/supergraph.graphql');
  });

  it.each([...deployables.map(packageDir), 'packages/platform'])(
    '%s/package.json ships its dist (pnpm deploy)',
    (dir) => {
      expect(packageFiles(`${dir}/package.json`)).toEqual(['dist']);
    },
  );
});

describe('worker services in docker-compose.yml', () => {
  // Each worker runs its package's image with the worker entry point as the command (as `pnpm start` runs it).
  const WORKERS: Record<string, { image: ServiceName; entry: string }> = {
    'notification-worker': { image: 'notification', entry: 'dist/workers/main.js' },
  };

  it.each(Object.entries(WORKERS))(
    'runs %s from its package image with the worker entry point',
    (service, { image, entry }) => {
      const definition = compose.services[service] as (typeof compose.services)[string] & {
        command?: string[];
        healthcheck?: { disable?: boolean };
      };
      expect(definition.build?.dockerfile).toBe(compose.services[image].build?.dockerfile);
      expect(definition.command).toEqual(['node', entry]);
      expect(
        existsSync(join(root, packageDir(image), 'src', entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'))),
      ).toBe(true);
      // No HTTP server: the image's /health check would mark it unhealthy forever.
      expect(definition.healthcheck?.disable).toBe(true);
      expect(definition.ports ?? []).toEqual([]);
    },
  );

  it.each(Object.entries(WORKERS))(
    '%s sets only variables its code reads, each documented in .env.example',
    (service, { image }) => {
      const keys = Object.keys(environmentOf(service));
      expect(keys.filter((key) => !known[image].has(key))).toEqual([]);
      expect(keys.filter((key) => !documented.has(key))).toEqual([]);
      expect(environmentOf(service).NODE_ENV).toBe('production');
    },
  );

  it.each(Object.entries(WORKERS))('points the service URLs of %s at compose services on their ports', (service) => {
    for (const [key, value] of Object.entries(environmentOf(service))) {
      const target = key.slice(0, -'_URL'.length).toLowerCase();
      if (!key.endsWith('_URL') || !(target in SERVICE_PORTS)) continue;
      const url = new URL(value);
      expect({ key, host: url.hostname, port: Number(url.port) }).toEqual({
        key,
        host: target,
        port: SERVICE_PORTS[target as ServiceName],
      });
    }
  });

  it('runs two notification workers unless NOTIFICATION_WORKERS says otherwise (one keeps reminders on time while the other restarts)', () => {
    const definition = compose.services['notification-worker'] as (typeof compose.services)[string] & {
      deploy?: { replicas?: unknown };
      container_name?: string;
    };
    expect(definition.deploy?.replicas).toBe('${NOTIFICATION_WORKERS:-2}');
    // Replicas need generated container names.
    expect(definition.container_name).toBeUndefined();
  });

  it('lets the notification worker call other services as the notification service', () => {
    expect(environmentOf('notification-worker').NOTIFICATION_SERVICE_PRIVATE_KEY).toMatch(
      /^\$\{NOTIFICATION_SERVICE_PRIVATE_KEY:\?/,
    );
    expect(environmentOf('notification-worker').SERVICE_PUBLIC_KEYS).toMatch(/^\$\{SERVICE_PUBLIC_KEYS:\?/);
  });

  it("sends the notification worker's mail to Mailpit", () => {
    expect(environmentOf('notification-worker').SMTP_URL).toBe('${SMTP_URL:-smtp://mailpit:1025}');
  });
});

describe('the patient web app in docker-compose.yml', () => {
  const WEB_PORT = 5173;
  // The server reads its own config and the platform's helpers (not the subgraphs' common shape).
  const webKnown = new Set(
    [
      ...tsFiles('clients/web/server'),
      ...tsFiles('packages/platform/src').filter((file) => !file.endsWith('config/service-config.ts')),
    ].flatMap((file) => [...envNamesIn(read(file), 'WEB')]),
  );
  const env = environmentOf('web');

  it('finds what the web server reads', () => {
    expect([...webKnown]).toEqual(
      expect.arrayContaining(['WEB_PORT', 'WEB_HOST', 'GRAPHQL_PUBLIC_URL', 'CLINIC_TIME_ZONE']),
    );
    expect(webKnown.has('SERVICE_TOKEN_SECRET')).toBe(false);
  });

  it('builds it from clients/web/Dockerfile, which deploys @carebook/web with the app and the explorer', () => {
    expect(compose.services.web.build).toEqual({ context: '.', dockerfile: 'clients/web/Dockerfile' });
    const text = read('clients/web/Dockerfile');
    expect(text).toContain('--filter @carebook/web deploy');
    expect(text).toContain('--filter @carebook/explorer build');
    expect(text).toMatch(/tsc -b clients\/sdk clients\/web\/server\s/);
    expect(packageFiles('clients/web/package.json')).toEqual(['dist']);
  });

  it('sets only variables its code reads, each documented in .env.example, and runs in production on 0.0.0.0', () => {
    expect(Object.keys(env).filter((key) => !webKnown.has(key))).toEqual([]);
    expect(Object.keys(env).filter((key) => !documented.has(key))).toEqual([]);
    expect(env).toMatchObject({ NODE_ENV: 'production', WEB_HOST: '0.0.0.0', WEB_PORT: String(WEB_PORT) });
    const instructions = instructionsOf(read('clients/web/Dockerfile'));
    const set = instructions
      .filter((line) => /^ENV\s/i.test(line))
      .flatMap((line) => [...line.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)].map((match) => match[1]));
    expect(set.filter((key) => !webKnown.has(key))).toEqual([]);
  });

  it('publishes it on its port, exposes and health-checks that port, and starts it after the gateway', () => {
    expect(compose.services.web.ports!.map(String)).toEqual([`${WEB_PORT}:${WEB_PORT}`]);
    const instructions = instructionsOf(read('clients/web/Dockerfile'));
    expect(instructions.filter((line) => /^EXPOSE\s/i.test(line))).toEqual([`EXPOSE ${WEB_PORT}`]);
    expect(instructions.find((line) => /^HEALTHCHECK\s/i.test(line))).toContain(`process.env.WEB_PORT || ${WEB_PORT}`);
    expect((compose.services.web.depends_on as Record<string, { condition?: string }>).gateway?.condition).toBe(
      'service_healthy',
    );
  });

  it('points the browser at the published gateway, lets the gateway accept the app, and links emails to the app', () => {
    const published = (service: string, port: number) => `http://localhost:${port}`;
    expect(env.GRAPHQL_PUBLIC_URL).toBe(
      `\${GRAPHQL_PUBLIC_URL:-${published('gateway', SERVICE_PORTS.gateway)}/graphql}`,
    );
    expect(environmentOf('gateway').CORS_ORIGINS).toBe(`\${CORS_ORIGINS:-${published('web', WEB_PORT)}}`);
    expect(environmentOf('notification-worker').APP_URL).toBe(`\${APP_URL:-${published('web', WEB_PORT)}}`);
  });
});
