import { z } from 'zod';
import { ServiceKeys, serviceKeyShape } from '../auth/service-keys';
import { env, loadDotenvOnce, parseEnv } from './load-config';
import { productionCheckedServiceKeys } from './production-settings';
import { envPrefix, ServiceName, SERVICE_PORTS, serviceUrl } from './services';

/** What every subgraph reads from the environment. */
export function commonShape(service: ServiceName) {
  const prefix = envPrefix(service);
  return {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    [`${prefix}_PORT`]: env.port(SERVICE_PORTS[service]),
    [`${prefix}_HOST`]: env.text('127.0.0.1'),
    MYSQL_URL: env.url(['mysql', 'mariadb'], 'mysql://root@127.0.0.1:3306'),
    [`${prefix}_DB_URL`]: env.url(['mysql', 'mariadb', 'mongodb']).optional(),
    REDIS_URL: env.url(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
    REDIS_PREFIX: env.redisPrefix(),
    AUTH_ISSUER: env.text('carebook-auth'),
    AUTH_AUDIENCE: env.text('carebook'),
    AUTH_JWKS_URL: env.url(['http', 'https']).optional(),
    ...serviceKeyShape(service),
  } as const;
}

export interface ServiceConfig {
  service: ServiceName;
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: string;
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  /** Namespace of every Redis key and queue, so stacks (and test runs) can share one Redis. */
  redisPrefix: string;
  auth: { issuer: string; audience: string; jwksUrl: string };
  /** This service's key pair and its callers' public keys (service tokens). */
  serviceKeys: ServiceKeys;
  /** The raw validated variables, for service-specific settings. */
  env: NodeJS.ProcessEnv;
}

/**
 * Loads and validates a service's configuration. Extra variables specific to
 * the service are validated in the same pass and returned under `extra`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no extra variables: the shape adds nothing.
export function loadServiceConfig<E extends z.ZodRawShape = {}>(
  service: ServiceName,
  extraShape: E = {} as E,
  source: NodeJS.ProcessEnv = process.env,
): ServiceConfig & { extra: z.infer<z.ZodObject<E>> } {
  loadDotenvOnce();
  const prefix = envPrefix(service);
  const shape = { ...commonShape(service), ...extraShape };
  // Read by name below: each value has the type its entry in the shape gives it (validated by parseEnv).
  const parsed: Record<string, unknown> = parseEnv(shape, source);
  const value = <T>(name: string) => parsed[name] as T;
  const nodeEnv = value<ServiceConfig['nodeEnv']>('NODE_ENV');
  const serviceKeys = productionCheckedServiceKeys(service, nodeEnv, Object.keys(shape), parsed);
  const databaseUrl =
    value<string | undefined>(`${prefix}_DB_URL`) ??
    `${value<string>('MYSQL_URL').replace(/\/$/, '')}/carebook_${service}`;
  const extra = Object.fromEntries(Object.keys(extraShape).map((key) => [key, parsed[key]])) as z.infer<z.ZodObject<E>>;
  return {
    service,
    nodeEnv,
    logLevel: value<string>('LOG_LEVEL'),
    port: value<number>(`${prefix}_PORT`),
    host: value<string>(`${prefix}_HOST`),
    databaseUrl,
    redisUrl: value<string>('REDIS_URL'),
    redisPrefix: value<string>('REDIS_PREFIX'),
    auth: {
      issuer: value<string>('AUTH_ISSUER'),
      audience: value<string>('AUTH_AUDIENCE'),
      jwksUrl: value<string | undefined>('AUTH_JWKS_URL') ?? `${serviceUrl('auth', source)}/.well-known/jwks.json`,
    },
    serviceKeys,
    env: source,
    extra,
  };
}
